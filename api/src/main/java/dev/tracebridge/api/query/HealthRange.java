package dev.tracebridge.api.query;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The time range of a propagation-health question, from its {@code start} and {@code end} parameters:
 * the last day unless asked otherwise, never more than 31 days.
 */
record HealthRange(long startNanos, long endNanos) {
  /** A day is what a team looks at first; longer ranges are asked for explicitly. */
  static final Duration DEFAULT_RANGE = Duration.ofHours(24);
  /** A month of hours is what the stores read at most for one answer (744 hour partitions). */
  static final Duration MAX_RANGE = Duration.ofDays(31);

  /** The range the parameters ask for, answered 400 naming the parameter when they are wrong. */
  static HealthRange of(@Nullable String start, @Nullable String end, Instant now) {
    long nowNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    long endNanos = QueryTimes.instant("end", end, nowNanos);
    long startNanos = QueryTimes.instant("start", start, endNanos - DEFAULT_RANGE.toNanos());
    if (startNanos > endNanos) {
      throw new BadParameterException("start", "start: after end (expected: start <= end)");
    }
    if (endNanos - startNanos > MAX_RANGE.toNanos()) {
      throw new BadParameterException("start", "start..end: longer than " + MAX_RANGE.toDays()
          + " days (expected: a shorter range)");
    }
    return new HealthRange(startNanos, endNanos);
  }
}
