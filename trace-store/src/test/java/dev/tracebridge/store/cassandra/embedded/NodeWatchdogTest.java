package dev.tracebridge.store.cassandra.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A node killed by PID is restarted by the watchdog on the same data directory and ports; closing the
 * watchdog stops the node it restarted.
 */
class NodeWatchdogTest {
  /** The kill is noticed within a second, the restart waits a second, then a node start. */
  private static final Duration RESTART_TIMEOUT = TestNodes.START_TIMEOUT.plusSeconds(10);

  @Test
  void killedNode_isRestartedAndAcceptsCqlAgain() throws Exception {
    EmbeddedCassandraConfig config = TestNodes.config(TestNodes.freshDataDir("watchdog"));
    EmbeddedCassandra first = EmbeddedCassandra.start(config, TestNodes::progress);
    long firstPid = first.pid();
    try (NodeWatchdog watchdog = NodeWatchdog.watch(first, 2, TestNodes::progress)) {
      TestNodes.PROGRESS.clear();
      ProcessHandle killed = ProcessHandle.of(firstPid).orElseThrow();
      killed.destroyForcibly();
      killed.onExit().get(30, TimeUnit.SECONDS);

      long deadline = System.nanoTime() + RESTART_TIMEOUT.toNanos();
      while (watchdog.restarts() == 0 && System.nanoTime() - deadline < 0) Thread.sleep(200);

      assertThat(watchdog.restarts()).isEqualTo(1);
      EmbeddedCassandra second = watchdog.node();
      assertThat(second.pid()).isNotEqualTo(firstPid);
      assertThat(second.isAlive()).isTrue();
      assertThat(PortCheck.accepts(config.host(), config.nativePort())).isTrue();
      assertThat(TestNodes.PROGRESS).anySatisfy(line -> assertThat(line).startsWith(
          "The embedded Cassandra (pid " + firstPid + ") exited; ingest answers 503 until it is back."
              + " Restarting it in 1s (attempt 1 of 2)."));
    }
    assertThat(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
  }

  @Test
  void backoff_doublesFromOneSecondUpToThirty() {
    assertThat(NodeWatchdog.backoff(0)).isEqualTo(Duration.ofSeconds(1));
    assertThat(NodeWatchdog.backoff(1)).isEqualTo(Duration.ofSeconds(2));
    assertThat(NodeWatchdog.backoff(4)).isEqualTo(Duration.ofSeconds(16));
    assertThat(NodeWatchdog.backoff(5)).isEqualTo(NodeWatchdog.MAX_BACKOFF);
    assertThat(NodeWatchdog.backoff(500)).isEqualTo(NodeWatchdog.MAX_BACKOFF);
  }
}
