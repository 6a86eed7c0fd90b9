package dev.tracebridge.rum.headers;

import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.rum.HeaderFormat;
import dev.tracebridge.core.rum.PropagatedContext;
import dev.tracebridge.core.rum.Sampling;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code sentry-trace: traceid-spanid[-sampled]}: 32 and 16 hex digits; without the sampled field the
 * decision is deferred to the receiver, which is {@link Sampling#UNKNOWN} here.
 */
final class SentryParser implements FormatParser {
  static final String HEADER = "sentry-trace";

  @Override
  public @Nullable PropagatedContext parse(RequestHeaders headers, List<String> errors) {
    String value = headers.get(HEADER);
    if (value == null) return null;
    String[] fields = value.split("-", -1);
    if (fields.length < 2 || fields.length > 3) {
      errors.add(HEADER + ": " + HexText.quote(value) + " has " + fields.length
          + " fields (expected: traceid-spanid[-sampled])");
      return null;
    }
    if (!HexText.isHex(fields[0], HexText.HEX_128)) {
      errors.add(HEADER + ": trace id " + HexText.quote(fields[0]) + " (expected: 32 hex digits)");
      return null;
    }
    if (!HexText.isHex(fields[1], HexText.HEX_64)) {
      errors.add(HEADER + ": span id " + HexText.quote(fields[1]) + " (expected: 16 hex digits)");
      return null;
    }
    Sampling sampling = Sampling.UNKNOWN;
    if (fields.length == 3) {
      sampling = switch (fields[2]) {
        case "1" -> Sampling.SAMPLED;
        case "0" -> Sampling.NOT_SAMPLED;
        default -> null;
      };
      if (sampling == null) {
        errors.add(HEADER + ": sampled " + HexText.quote(fields[2]) + " (expected: 0 or 1)");
        return null;
      }
    }
    try {
      return new PropagatedContext(HeaderFormat.SENTRY, TraceId.fromHex(fields[0]), SpanId.fromHex(fields[1]),
          sampling);
    } catch (IllegalArgumentException e) {
      errors.add(HEADER + ": " + e.getMessage());
      return null;
    }
  }
}
