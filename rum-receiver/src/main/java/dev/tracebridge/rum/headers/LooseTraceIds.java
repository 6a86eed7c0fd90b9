package dev.tracebridge.rum.headers;

import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.TraceId;
import org.jspecify.annotations.Nullable;

/**
 * Ids whose form the wire does not state: an SDK's reported {@code trace_id} (Guance reports decimal for
 * its ddtrace mode, 16 or 32 hex for W3C/Jaeger/Zipkin, a UUID for SkyWalking), a SkyWalking trace id, a
 * {@code df-trace-id} meta tag. A UUID's hyphens are dropped; then the core's heuristic decides between hex
 * and decimal ({@link TraceId#parse}). Anything else is not an id Tracebridge can join on.
 */
public final class LooseTraceIds {
  private static final int UUID_LENGTH = 36;
  /** 2^64 - 1 has 20 decimal digits. */
  private static final int MAX_DECIMAL_DIGITS = 20;

  private LooseTraceIds() {}

  /** The trace id, or null when the text is not hex-ish or decimal (the reason is added to errors). */
  public static @Nullable TraceId traceId(String label, String text, java.util.List<String> errors) {
    String id = withoutUuidHyphens(text.strip());
    try {
      if (HexText.isHex(id, 1, HexText.HEX_128)) return TraceId.parse(id);
    } catch (IllegalArgumentException e) {
      errors.add(label + ": " + e.getMessage());
      return null;
    }
    errors.add(label + ": " + HexText.quote(text) + " (expected: hex, a UUID or an unsigned decimal)");
    return null;
  }

  /** The span id, or null when the text is not a 64-bit hex or decimal id. */
  public static @Nullable SpanId spanId(String label, String text, java.util.List<String> errors) {
    String id = text.strip();
    try {
      boolean decimal = HexText.isDecimal(id) && id.length() <= MAX_DECIMAL_DIGITS;
      if (HexText.isHex(id, 1, HexText.HEX_64) || decimal) return SpanId.parse(id);
    } catch (IllegalArgumentException e) {
      errors.add(label + ": " + e.getMessage());
      return null;
    }
    errors.add(label + ": " + HexText.quote(text) + " (expected: 16 hex digits or an unsigned decimal)");
    return null;
  }

  /** Whether the text is an id {@link #traceId} can read, without reporting anything. */
  static boolean isHexish(String text) {
    return HexText.isHex(withoutUuidHyphens(text.strip()), 1, HexText.HEX_128);
  }

  private static String withoutUuidHyphens(String text) {
    if (text.length() == UUID_LENGTH && text.charAt(8) == '-' && text.charAt(13) == '-'
        && text.charAt(18) == '-' && text.charAt(23) == '-') {
      return text.replace("-", "");
    }
    return text;
  }
}
