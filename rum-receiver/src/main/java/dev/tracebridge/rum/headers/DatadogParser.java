package dev.tracebridge.rum.headers;

import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.rum.HeaderFormat;
import dev.tracebridge.core.rum.PropagatedContext;
import dev.tracebridge.core.rum.Sampling;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Datadog's {@code x-datadog-trace-id} / {@code x-datadog-parent-id}: unsigned decimal 64-bit ids. The
 * high 64 bits of a 128-bit trace travel separately as {@code _dd.p.tid=<16 hex>} in
 * {@code x-datadog-tags}. A sampling priority of 0 or below (Guance sends -1) means not sampled; 1 and 2
 * (Guance sends 2) mean sampled.
 */
final class DatadogParser implements FormatParser {
  static final String TRACE_ID = "x-datadog-trace-id";
  static final String PARENT_ID = "x-datadog-parent-id";
  static final String SAMPLING_PRIORITY = "x-datadog-sampling-priority";
  static final String TAGS = "x-datadog-tags";
  private static final String HIGH_BITS_TAG = "_dd.p.tid";

  @Override
  public @Nullable PropagatedContext parse(RequestHeaders headers, List<String> errors) {
    String trace = headers.get(TRACE_ID);
    if (trace == null) return null;
    if (!HexText.isDecimal(trace)) {
      errors.add(TRACE_ID + ": " + HexText.quote(trace) + " (expected: an unsigned decimal)");
      return null;
    }
    try {
      TraceId low = TraceId.fromDecimal(trace);
      long high = highBits(headers.get(TAGS), errors);
      TraceId traceId = TraceId.of(high, low.low());
      return new PropagatedContext(HeaderFormat.DATADOG, traceId, parentId(headers, errors),
          sampling(headers, errors));
    } catch (IllegalArgumentException e) {
      errors.add(TRACE_ID + ": " + e.getMessage());
      return null;
    }
  }

  private static @Nullable SpanId parentId(RequestHeaders headers, List<String> errors) {
    String parent = headers.get(PARENT_ID);
    if (parent == null) return null;
    try {
      if (!HexText.isDecimal(parent)) throw new IllegalArgumentException(HexText.quote(parent));
      return SpanId.fromDecimal(parent);
    } catch (IllegalArgumentException e) {
      errors.add(PARENT_ID + ": " + HexText.quote(parent) + " (expected: a non-zero unsigned decimal)");
      return null;
    }
  }

  private static long highBits(@Nullable String tags, List<String> errors) {
    if (tags == null) return 0;
    for (String tag : tags.split(",")) {
      int eq = tag.indexOf('=');
      if (eq < 0 || !tag.substring(0, eq).strip().equals(HIGH_BITS_TAG)) continue;
      String hex = tag.substring(eq + 1).strip();
      if (!HexText.isHex(hex, HexText.HEX_64)) {
        errors.add(TAGS + ": " + HIGH_BITS_TAG + "=" + HexText.quote(hex) + " (expected: 16 hex digits)");
        return 0;
      }
      return Long.parseUnsignedLong(hex, 16);
    }
    return 0;
  }

  private static Sampling sampling(RequestHeaders headers, List<String> errors) {
    String priority = headers.get(SAMPLING_PRIORITY);
    if (priority == null) return Sampling.UNKNOWN;
    try {
      return Integer.parseInt(priority) > 0 ? Sampling.SAMPLED : Sampling.NOT_SAMPLED;
    } catch (NumberFormatException e) {
      errors.add(SAMPLING_PRIORITY + ": " + HexText.quote(priority) + " (expected: an integer)");
      return Sampling.UNKNOWN;
    }
  }
}
