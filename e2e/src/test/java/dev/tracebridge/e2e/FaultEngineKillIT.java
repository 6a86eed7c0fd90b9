package dev.tracebridge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine dies by SIGKILL while clients are sending (no shutdown hook runs, its embedded Cassandra is
 * left running without it), and is started again on the same data directory: every span and RUM event it
 * had acknowledged is readable, and the node the dead engine left behind was stopped, not duplicated.
 */
class FaultEngineKillIT {
  /** Long enough for thousands of acknowledged spans, short enough for CI. */
  private static final Duration LOAD_BEFORE_KILL = Duration.ofSeconds(10);
  /** Clients keep sending into the dead engine for a moment: those sends must fail, not be acknowledged. */
  private static final Duration LOAD_AFTER_KILL = Duration.ofSeconds(2);
  private static final Duration SEND_PAUSE = Duration.ofMillis(20);

  @TempDir Path dir;

  @Test
  @Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES)
  void engineKilledMidLoad_everyAcknowledgedSpanAndRumEventIsReadableAfterRestart() throws Exception {
    Path dataDir = dir.resolve("data");
    FaultLedger ledger = new FaultLedger();
    long orphanedNode;
    FaultEngine killed = FaultEngine.start(dataDir);
    try (FaultEngine engine = killed) {
      orphanedNode = engine.cassandraPid();
      try (FaultLoad load = FaultLoad.start(engine, ledger, 2, 1, SEND_PAUSE)) {
        Thread.sleep(LOAD_BEFORE_KILL.toMillis());
        engine.kill();
        Thread.sleep(LOAD_AFTER_KILL.toMillis());
      }
    }
    try {
      assertThat(FaultSignals.alive(orphanedNode)).as("SIGKILL gives the engine no chance to stop its node")
          .isTrue();
      assertThat(ledger.ackedSpanTraces()).as("spans acknowledged before the kill").isNotEmpty();
      assertThat(ledger.ackedRumTraces()).as("RUM batches acknowledged before the kill").isNotEmpty();

      try (FaultEngine restarted = killed.restart()) {
        assertThat(FaultSignals.alive(orphanedNode)).as("the restart stopped the node left behind").isFalse();
        List<String> missing = FaultReadBack.missing(restarted, ledger.ackedSpanTraces(), ledger.ackedRumTraces());
        System.out.printf("FaultEngineKillIT: %d traces of spans and %d RUM resources acknowledged before"
                + " SIGKILL, %d missing after restart; answers %s%n", ledger.ackedSpanTraces().size(),
            ledger.ackedRumTraces().size(), missing.size(), ledger.answers());
        assertThat(missing).as("acknowledged, then lost").isEmpty();
      }
    } finally {
      if (FaultSignals.alive(orphanedNode)) FaultSignals.kill(orphanedNode);
    }
  }
}
