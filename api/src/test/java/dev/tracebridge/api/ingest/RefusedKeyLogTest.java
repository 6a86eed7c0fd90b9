package dev.tracebridge.api.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RefusedKeyLogTest {
  private final List<String> lines = new ArrayList<>();
  private long now = 1_000;
  private final RefusedKeyLog log = new RefusedKeyLog(lines::add, () -> now);

  @Test
  void sameKeyFromSameClientWithinAMinute_isOneLine() {
    for (int i = 0; i < 1_000; i++) log.refused("a1b2c3d4", "10.0.0.7");

    assertThat(lines).containsExactly("ingest key refused: unknown key a1b2c3d4 from 10.0.0.7");
  }

  @Test
  void afterAMinute_theNextRefusalIsLoggedWithTheCountItStandsFor() {
    for (int i = 0; i < 500; i++) log.refused("a1b2c3d4", "10.0.0.7");
    now += RefusedKeyLog.INTERVAL.toNanos();
    log.refused("a1b2c3d4", "10.0.0.7");
    log.refused("a1b2c3d4", "10.0.0.7");

    assertThat(lines).containsExactly("ingest key refused: unknown key a1b2c3d4 from 10.0.0.7",
        "ingest key refused: unknown key a1b2c3d4 from 10.0.0.7 (499 more refusals of it since its last line,"
            + " not logged)");
  }

  @Test
  void otherKeyOrOtherClient_getsItsOwnLine() {
    log.refused("a1b2c3d4", "10.0.0.7");
    log.refused("a1b2c3d4", "10.0.0.8");
    log.refused("ffff0000", "10.0.0.7");
    log.refused("a1b2c3d4", "10.0.0.7");

    assertThat(lines).containsExactly("ingest key refused: unknown key a1b2c3d4 from 10.0.0.7",
        "ingest key refused: unknown key a1b2c3d4 from 10.0.0.8",
        "ingest key refused: unknown key ffff0000 from 10.0.0.7");
  }

  @Test
  void morePairsThanTracked_areAllLoggedAndTheTableStaysBounded() {
    int clients = RefusedKeyLog.MAX_TRACKED + 500;
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < clients; i++) log.refused("a1b2c3d4", "10.0." + i / 256 + "." + i % 256);
    }

    // The first MAX_TRACKED pairs are remembered and quiet the second time; the 500 beyond are logged each time.
    assertThat(lines).hasSize(RefusedKeyLog.MAX_TRACKED + 500 + 500);
    now += RefusedKeyLog.INTERVAL.toNanos();
    log.refused("ffff0000", "10.9.9.9");
    log.refused("ffff0000", "10.9.9.9");
    // Expired pairs make room: the new pair is remembered and logged once.
    assertThat(lines).hasSize(RefusedKeyLog.MAX_TRACKED + 1_001);
  }
}
