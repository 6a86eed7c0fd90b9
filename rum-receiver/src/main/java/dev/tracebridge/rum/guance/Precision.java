package dev.tracebridge.rum.guance;

import dev.tracebridge.rum.batch.RejectedBatchException;
import org.jspecify.annotations.Nullable;

/**
 * The {@code precision} query parameter of a line-protocol write: the unit of every timestamp in the
 * body. InfluxDB's default is nanoseconds; Guance's SDK always sends {@code precision=ms} (datakit-js
 * {@code httpRequest.js addBatchPrecision}).
 */
enum Precision {
  NANOSECONDS(1),
  MICROSECONDS(1_000),
  MILLISECONDS(1_000_000),
  SECONDS(1_000_000_000);

  private final long nanos;

  Precision(long nanos) {
    this.nanos = nanos;
  }

  static Precision of(@Nullable String parameter) {
    if (parameter == null || parameter.isBlank()) return NANOSECONDS;
    return switch (parameter.strip()) {
      case "ns", "n" -> NANOSECONDS;
      case "us", "u" -> MICROSECONDS;
      case "ms" -> MILLISECONDS;
      case "s" -> SECONDS;
      default -> throw RejectedBatchException.malformed(
          "precision: '" + parameter + "' (expected: ns, us, ms or s)");
    };
  }

  /** Epoch nanoseconds, or -1 when the timestamp is not positive or overflows. */
  long toEpochNanos(long timestamp) {
    if (timestamp <= 0) return -1;
    try {
      return Math.multiplyExact(timestamp, nanos);
    } catch (ArithmeticException e) {
      return -1;
    }
  }
}
