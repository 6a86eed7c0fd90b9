package dev.tracebridge.api.metrics;

import java.time.Duration;

/**
 * Which minutes are final. A minute is rolled up only once late data has had time to arrive: browsers
 * send RUM in batches (on a timer and when the page hides) and OTLP exporters batch spans for seconds,
 * so the grace period waits for both sides of the minute's traces.
 */
final class RollupSchedule {
  static final Duration GRACE = Duration.ofMinutes(2);
  static final long MILLIS_PER_MINUTE = 60_000L;

  private RollupSchedule() {}

  /** The newest minute (minutes since the epoch) whose traces are complete at {@code nowMillis}. */
  static long lastClosedMinute(long nowMillis) {
    return Math.floorDiv(nowMillis - GRACE.toMillis(), MILLIS_PER_MINUTE) - 1;
  }

  static long startNanos(long epochMinute) {
    return epochMinute * MILLIS_PER_MINUTE * 1_000_000L;
  }
}
