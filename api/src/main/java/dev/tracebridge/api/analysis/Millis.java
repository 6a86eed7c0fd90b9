package dev.tracebridge.api.analysis;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Nanoseconds as the milliseconds people read: to the microsecond in JSON, rounded in sentences.
 *
 * <p>Rounding is half up (away from zero at the half) on the exact quotient, in integer arithmetic: an
 * analysis writes a few hundred of these, and going through {@code BigDecimal} for each was a quarter of
 * building its JSON.
 */
public final class Millis {
  private static final double NANOS_PER_MILLI = 1_000_000.0;
  private static final long NANOS_PER_MICRO = 1_000;
  private static final double MICROS_PER_MILLI = 1_000.0;
  /** Tenths of a percent: part × 1000 / whole, rounded. */
  private static final long PER_MILLE = 1_000;

  private Millis() {}

  /** Milliseconds with three decimals (microsecond precision), for JSON. */
  public static double of(long nanos) {
    // Whole microseconds below 2^53 (285 years) are exact doubles, so this division gives the double
    // nearest to the decimal "x.yyy", as parsing it would.
    return roundedQuotient(nanos, NANOS_PER_MICRO) / MICROS_PER_MILLI;
  }

  /** A percentage of {@code whole} with one decimal; 0 when the whole is 0. */
  public static double percent(long part, long whole) {
    if (whole <= 0) return 0;
    if (Math.abs(part) > Long.MAX_VALUE / (2 * PER_MILLE)) {
      // Beyond 53 days of part: too large for the integer path below; exactness no longer matters here.
      return BigDecimal.valueOf(part * 100.0 / whole).setScale(1, RoundingMode.HALF_UP).doubleValue();
    }
    return roundedQuotient(part * PER_MILLE, whole) / 10.0;
  }

  /** Milliseconds for a sentence: one decimal below 10 ms, whole milliseconds above. */
  public static String format(long nanos) {
    double ms = nanos / NANOS_PER_MILLI;
    if (ms < 10) return BigDecimal.valueOf(ms).setScale(1, RoundingMode.HALF_UP).toPlainString();
    return Long.toString(Math.round(ms));
  }

  /** {@code dividend / divisor} rounded half away from zero; {@code divisor} is positive. */
  private static long roundedQuotient(long dividend, long divisor) {
    // Long.MIN_VALUE has no positive counterpart; one nanosecond off it changes nothing that is shown.
    long magnitude = Math.abs(Math.max(dividend, -Long.MAX_VALUE));
    long quotient = magnitude / divisor;
    long remainder = magnitude % divisor;
    if (remainder >= divisor - remainder) quotient++;
    return dividend < 0 ? -quotient : quotient;
  }
}
