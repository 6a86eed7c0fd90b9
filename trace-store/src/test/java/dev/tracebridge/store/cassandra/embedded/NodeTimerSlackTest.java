package dev.tracebridge.store.cassandra.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NodeTimerSlackTest {
  /** Linux shows a process's timer slack here; the node's JVM and every thread it starts inherit it. */
  private static final String[] PRINT_OWN_SLACK = {"cat", "/proc/self/timerslack_ns"};

  @Test
  void processStartedForTheNode_runsWithTheCoarserSlackWhileTheCallerKeepsItsOwn() throws Exception {
    assumeTrue(Files.isReadable(Path.of("/proc/self/timerslack_ns")), "a Linux kernel that shows timer slack");
    String callerBefore = output(new ProcessBuilder(PRINT_OWN_SLACK).start());

    String node = output(NodeTimerSlack.start(new ProcessBuilder(PRINT_OWN_SLACK)));
    String callerAfter = output(new ProcessBuilder(PRINT_OWN_SLACK).start());

    assertThat(node).isEqualTo(Long.toString(NodeTimerSlack.SLACK_NANOS));
    assertThat(callerAfter).isEqualTo(callerBefore).isNotEqualTo(node);
  }

  @Test
  void commandThatCannotStart_failsAsItWouldWithoutTheSlack() {
    ProcessBuilder missing = new ProcessBuilder("/nonexistent/java");

    assertThatThrownBy(() -> NodeTimerSlack.start(missing))
        .isInstanceOf(IOException.class).hasMessageContaining("/nonexistent/java");
  }

  private static String output(Process process) throws Exception {
    assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    return new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
  }
}
