package dev.tracebridge.api.jaeger;

import dev.tracebridge.api.query.BadParameterException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Durations as Jaeger's API takes them: Go's {@code time.ParseDuration} syntax, a sequence of decimal
 * numbers each with a unit ({@code 1.5s}, {@code 1m30s}, {@code 250ms}, {@code 100us}).
 */
final class GoDuration {
  private static final Pattern WHOLE = Pattern.compile("(?:[0-9]+(?:\\.[0-9]*)?(?:ns|us|µs|μs|ms|s|m|h))+");
  private static final Pattern PART = Pattern.compile("([0-9]+(?:\\.[0-9]*)?)(ns|us|µs|μs|ms|s|m|h)");

  private GoDuration() {}

  static @Nullable Long nanos(String parameter, @Nullable String text) {
    if (text == null || text.isBlank()) return null;
    String value = text.strip();
    if (!WHOLE.matcher(value).matches()) {
      throw new BadParameterException(parameter, parameter + ": '" + value
          + "' (expected: a Go duration such as 1.5s, 250ms, 1m30s or 100us)");
    }
    BigDecimal total = BigDecimal.ZERO;
    Matcher m = PART.matcher(value);
    while (m.find()) {
      long unit = switch (m.group(2)) {
        case "ns" -> 1L;
        case "us", "µs", "μs" -> 1_000L;
        case "ms" -> 1_000_000L;
        case "s" -> 1_000_000_000L;
        case "m" -> 60_000_000_000L;
        default -> 3_600_000_000_000L;
      };
      total = total.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit)));
    }
    try {
      return total.setScale(0, RoundingMode.DOWN).longValueExact();
    } catch (ArithmeticException e) {
      throw new BadParameterException(parameter, parameter + ": '" + value + "' (expected: under 292 years)");
    }
  }
}
