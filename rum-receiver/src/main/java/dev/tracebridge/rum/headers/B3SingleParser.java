package dev.tracebridge.rum.headers;

import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.rum.HeaderFormat;
import dev.tracebridge.core.rum.PropagatedContext;
import dev.tracebridge.core.rum.Sampling;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Zipkin's {@code b3: traceid-spanid[-sampled[-parentspanid]]}. The trace id is 16 or 32 hex digits; the
 * sampling state is {@code 1}, {@code 0} (deny) or {@code d} (debug, which implies sampled). A value that
 * is only a sampling state ({@code b3: 0}) carries no ids and is not an error.
 */
final class B3SingleParser implements FormatParser {
  static final String HEADER = "b3";

  @Override
  public @Nullable PropagatedContext parse(RequestHeaders headers, List<String> errors) {
    String value = headers.get(HEADER);
    if (value == null) return null;
    String[] fields = value.split("-", -1);
    if (fields.length == 1) {
      if (sampling(fields[0]) == null) {
        errors.add(HEADER + ": " + HexText.quote(value) + " (expected: a sampling state 0, 1 or d, or ids)");
      }
      return null;
    }
    if (fields.length > 4) {
      errors.add(HEADER + ": " + HexText.quote(value) + " has " + fields.length
          + " fields (expected: traceid-spanid[-sampled[-parentspanid]])");
      return null;
    }
    String trace = fields[0];
    if (!(HexText.isHex(trace, HexText.HEX_64) || HexText.isHex(trace, HexText.HEX_128))) {
      errors.add(HEADER + ": trace id " + HexText.quote(trace) + " (expected: 16 or 32 hex digits)");
      return null;
    }
    if (!HexText.isHex(fields[1], HexText.HEX_64)) {
      errors.add(HEADER + ": span id " + HexText.quote(fields[1]) + " (expected: 16 hex digits)");
      return null;
    }
    Sampling sampling = fields.length >= 3 ? sampling(fields[2]) : Sampling.UNKNOWN;
    if (sampling == null) {
      errors.add(HEADER + ": sampling state " + HexText.quote(fields[2]) + " (expected: 0, 1 or d)");
      return null;
    }
    try {
      return new PropagatedContext(HeaderFormat.B3_SINGLE, TraceId.fromHex(trace), SpanId.fromHex(fields[1]),
          sampling);
    } catch (IllegalArgumentException e) {
      errors.add(HEADER + ": " + e.getMessage());
      return null;
    }
  }

  private static @Nullable Sampling sampling(String state) {
    return switch (state) {
      case "1", "d" -> Sampling.SAMPLED;
      case "0" -> Sampling.NOT_SAMPLED;
      default -> null;
    };
  }
}
