package dev.tracebridge.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The pace of a rollup pass's reads: a busy minute's traces are read over tens of seconds, not in one burst. */
class RollupPaceTest {
  @Test
  void firstChunk_isReadAtOnce() {
    assertThat(RollupJob.waitBefore(0, 0)).isEqualTo(Duration.ZERO);
  }

  @Test
  void chunkAheadOfThePace_waitsUntilItsTurn() {
    int read = RollupJob.TRACES_PER_CHUNK;
    Duration due = Duration.ofNanos(read * 1_000_000_000L / RollupJob.TRACES_PER_SECOND);

    assertThat(RollupJob.waitBefore(read, 0)).isEqualTo(due);
    assertThat(RollupJob.waitBefore(read, Duration.ofMillis(100).toNanos())).isEqualTo(due.minusMillis(100));
  }

  @Test
  void passBehindThePace_doesNotWait() {
    assertThat(RollupJob.waitBefore(RollupJob.TRACES_PER_CHUNK, Duration.ofSeconds(5).toNanos()))
        .isEqualTo(Duration.ZERO);
  }

  @Test
  void fullMinute_takesAtMostTwoThirdsOfTheMinuteBeforeTheNextIsFinal() {
    Duration whole = RollupJob.waitBefore(RollupJob.MAX_TRACES_PER_MINUTE, 0);

    assertThat(whole).isEqualTo(Duration.ofSeconds(RollupJob.MAX_TRACES_PER_MINUTE / RollupJob.TRACES_PER_SECOND))
        .isLessThanOrEqualTo(Duration.ofSeconds(40));
  }
}
