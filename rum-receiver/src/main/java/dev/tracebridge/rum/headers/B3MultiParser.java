package dev.tracebridge.rum.headers;

import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.rum.HeaderFormat;
import dev.tracebridge.core.rum.PropagatedContext;
import dev.tracebridge.core.rum.Sampling;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Zipkin's multi-header form: {@code X-B3-TraceId} (16 or 32 hex), {@code X-B3-SpanId},
 * {@code X-B3-Sampled} ({@code 1}/{@code 0}, or the legacy {@code true}/{@code false}) and
 * {@code X-B3-Flags: 1} (debug, which implies sampled).
 */
final class B3MultiParser implements FormatParser {
  static final String TRACE_ID = "x-b3-traceid";
  static final String SPAN_ID = "x-b3-spanid";
  static final String SAMPLED = "x-b3-sampled";
  static final String FLAGS = "x-b3-flags";
  private static final String DEBUG = "1";

  @Override
  public @Nullable PropagatedContext parse(RequestHeaders headers, List<String> errors) {
    String trace = headers.get(TRACE_ID);
    String span = headers.get(SPAN_ID);
    if (trace == null && span == null) return null;
    if (trace == null || span == null) {
      errors.add("b3multi: " + (trace == null ? TRACE_ID : SPAN_ID) + " missing (expected: both ids)");
      return null;
    }
    if (!(HexText.isHex(trace, HexText.HEX_64) || HexText.isHex(trace, HexText.HEX_128))) {
      errors.add(TRACE_ID + ": " + HexText.quote(trace) + " (expected: 16 or 32 hex digits)");
      return null;
    }
    if (!HexText.isHex(span, HexText.HEX_64)) {
      errors.add(SPAN_ID + ": " + HexText.quote(span) + " (expected: 16 hex digits)");
      return null;
    }
    try {
      return new PropagatedContext(HeaderFormat.B3_MULTI, TraceId.fromHex(trace), SpanId.fromHex(span),
          sampling(headers, errors));
    } catch (IllegalArgumentException e) {
      errors.add("b3multi: " + e.getMessage());
      return null;
    }
  }

  private static Sampling sampling(RequestHeaders headers, List<String> errors) {
    if (DEBUG.equals(headers.get(FLAGS))) return Sampling.SAMPLED;
    String sampled = headers.get(SAMPLED);
    if (sampled == null) return Sampling.UNKNOWN;
    return switch (sampled.toLowerCase(Locale.ROOT)) {
      case "1", "true" -> Sampling.SAMPLED;
      case "0", "false" -> Sampling.NOT_SAMPLED;
      default -> {
        errors.add(SAMPLED + ": " + HexText.quote(sampled) + " (expected: 1 or 0)");
        yield Sampling.UNKNOWN;
      }
    };
  }
}
