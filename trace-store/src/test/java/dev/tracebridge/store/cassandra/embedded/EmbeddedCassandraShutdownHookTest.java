package dev.tracebridge.store.cassandra.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The engine's JVM stopping (SIGTERM, as from systemd or Ctrl-C's effect) stops its node too. */
class EmbeddedCassandraShutdownHookTest {

  @Test
  void engineJvmTerminated_shutdownHookStopsTheNode() throws Exception {
    Path dataDir = TestNodes.freshDataDir("hook");
    EmbeddedCassandraConfig config = TestNodes.config(dataDir);
    Process engine = new ProcessBuilder(EmbeddedCassandraConfig.currentJava(), "-cp",
        System.getProperty("java.class.path"), NodeInChildJvm.class.getName(), dataDir.toString(),
        config.libDir().toString(), Integer.toString(config.nativePort()), Integer.toString(config.storagePort()))
        .redirectErrorStream(true).start();
    try {
      long nodePid = awaitNodePid(engine);
      ProcessHandle node = ProcessHandle.of(nodePid).orElseThrow();
      assertThat(StaleNode.isOurNode(node, NodeLayout.under(dataDir))).isTrue();

      engine.destroy();

      assertThat(engine.waitFor(EmbeddedCassandra.STOP_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS)).isTrue();
      assertThat(ProcessHandle.of(nodePid).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
      assertThat(Files.exists(NodeLayout.under(dataDir).pidFile())).isFalse();
      assertThat(Files.readString(NodeLayout.under(dataDir).log())).contains("Cassandra shutdown complete");
    } finally {
      engine.destroyForcibly();
    }
  }

  private static long awaitNodePid(Process engine) throws Exception {
    BufferedReader out = new BufferedReader(new InputStreamReader(engine.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null) {
      System.out.println("[engine] " + line);
      if (line.startsWith(NodeInChildJvm.PID_LINE)) {
        return Long.parseLong(line.substring(NodeInChildJvm.PID_LINE.length()));
      }
    }
    throw new AssertionError("the engine JVM exited before its node started (exit " + engine.waitFor() + ")");
  }
}
