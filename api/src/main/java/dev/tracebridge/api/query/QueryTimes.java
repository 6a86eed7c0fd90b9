package dev.tracebridge.api.query;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Times and durations as people type them in a query string: instants as RFC 3339
 * ({@code 2025-11-25T14:00:00Z}) or epoch milliseconds; durations with a unit ({@code 250ms},
 * {@code 1.5s}, {@code 2m}, {@code 1h}, {@code 500us}, {@code 100ns}) or a bare number of milliseconds.
 * Errors name the parameter.
 */
public final class QueryTimes {
  private static final Pattern DURATION = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ns|us|µs|ms|s|m|h)?");
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,16}");
  private static final long NANOS_PER_MILLI = 1_000_000L;

  private QueryTimes() {}

  /** Epoch nanoseconds of an instant parameter, or {@code fallback} when it is absent. */
  public static long instant(String parameter, @Nullable String text, long fallback) {
    if (text == null || text.isBlank()) return fallback;
    String value = text.strip();
    try {
      if (DIGITS.matcher(value).matches()) return Math.multiplyExact(Long.parseLong(value), NANOS_PER_MILLI);
      Instant instant = Instant.parse(value);
      return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    } catch (DateTimeException | ArithmeticException e) {
      throw new BadParameterException(parameter, parameter + ": '" + abbreviate(value)
          + "' (expected: an RFC 3339 instant such as 2025-11-25T14:00:00Z, or epoch milliseconds)");
    }
  }

  /** Nanoseconds of a duration parameter, or null when it is absent. */
  public static @Nullable Long duration(String parameter, @Nullable String text) {
    if (text == null || text.isBlank()) return null;
    String value = text.strip().toLowerCase(Locale.ROOT);
    Matcher m = DURATION.matcher(value);
    if (!m.matches()) {
      throw new BadParameterException(parameter, parameter + ": '" + abbreviate(text.strip())
          + "' (expected: a duration such as 250ms, 1.5s, 2m, 500us, or a number of milliseconds)");
    }
    String unit = m.group(2) == null ? "ms" : m.group(2);
    long perUnit = switch (unit) {
      case "ns" -> 1L;
      case "us", "µs" -> 1_000L;
      case "ms" -> NANOS_PER_MILLI;
      case "s" -> 1_000_000_000L;
      case "m" -> 60_000_000_000L;
      default -> 3_600_000_000_000L;
    };
    try {
      return new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(perUnit)).longValueExact();
    } catch (ArithmeticException e) {
      throw new BadParameterException(parameter, parameter + ": '" + abbreviate(text.strip())
          + "' (expected: a whole number of nanoseconds that fits in 64 bits)");
    }
  }

  static String abbreviate(String text) {
    return text.length() <= 64 ? text : text.substring(0, 64) + "...";
  }
}
