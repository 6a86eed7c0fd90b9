package dev.tracebridge.api.analysis;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Nanoseconds as the milliseconds people read: to the microsecond in JSON, rounded in sentences. */
public final class Millis {
  private static final double NANOS_PER_MILLI = 1_000_000.0;

  private Millis() {}

  /** Milliseconds with three decimals (microsecond precision), for JSON. */
  public static double of(long nanos) {
    return BigDecimal.valueOf(nanos / NANOS_PER_MILLI).setScale(3, RoundingMode.HALF_UP).doubleValue();
  }

  /** A percentage of {@code whole} with one decimal; 0 when the whole is 0. */
  public static double percent(long part, long whole) {
    if (whole <= 0) return 0;
    return BigDecimal.valueOf(part * 100.0 / whole).setScale(1, RoundingMode.HALF_UP).doubleValue();
  }

  /** Milliseconds for a sentence: one decimal below 10 ms, whole milliseconds above. */
  public static String format(long nanos) {
    double ms = nanos / NANOS_PER_MILLI;
    if (ms < 10) return BigDecimal.valueOf(ms).setScale(1, RoundingMode.HALF_UP).toPlainString();
    return Long.toString(Math.round(ms));
  }
}
