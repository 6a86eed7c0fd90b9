package dev.tracebridge.rum.headers;

import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.rum.Sampling;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The W3C {@code version-traceid-parentid-flags} layout, shared by {@code traceparent},
 * {@code elastic-apm-traceparent}, {@code traceresponse}, a Server-Timing {@code traceparent} and the
 * {@code <meta name="traceparent">} tag. Upper-case hex is accepted although the spec asks for lower case:
 * rejecting it would lose a join for no gain (REFERENCE.md §1).
 */
record Traceparent(TraceId traceId, SpanId spanId, Sampling sampling) {
  private static final int VERSION_00_FIELDS = 4;
  private static final int TRACE_ID_HEX = 32;
  private static final int SPAN_ID_HEX = 16;
  private static final int SAMPLED_FLAG = 0x01;
  /** Version and flags are one byte each, two hex digits. */
  private static final int BYTE_HEX = 2;

  static @Nullable Traceparent parse(String header, String value, List<String> errors) {
    String[] fields = value.strip().split("-", -1);
    if (fields.length < VERSION_00_FIELDS) {
      errors.add(header + ": " + HexText.quote(value) + " has " + fields.length
          + " fields (expected: 4, version-traceid-spanid-flags)");
      return null;
    }
    String version = fields[0];
    if (!HexText.isHex(version, BYTE_HEX) || version.equalsIgnoreCase("ff")) {
      errors.add(header + ": version " + HexText.quote(version) + " (expected: 2 hex digits, not ff)");
      return null;
    }
    if (version.equals("00") && fields.length != VERSION_00_FIELDS) {
      errors.add(header + ": " + HexText.quote(value) + " has " + fields.length
          + " fields (expected: 4 for version 00)");
      return null;
    }
    if (!HexText.isHex(fields[1], TRACE_ID_HEX)) {
      errors.add(header + ": trace id " + HexText.quote(fields[1]) + " (expected: 32 hex digits)");
      return null;
    }
    if (!HexText.isHex(fields[2], SPAN_ID_HEX)) {
      errors.add(header + ": span id " + HexText.quote(fields[2]) + " (expected: 16 hex digits)");
      return null;
    }
    if (!HexText.isHex(fields[3], BYTE_HEX)) {
      errors.add(header + ": flags " + HexText.quote(fields[3]) + " (expected: 2 hex digits)");
      return null;
    }
    if (isAllZero(fields[1]) || isAllZero(fields[2])) {
      String which = isAllZero(fields[1]) ? "trace" : "span";
      errors.add(header + ": " + which + " id is all zero (expected: a non-zero id)");
      return null;
    }
    try {
      TraceId traceId = TraceId.fromHex(fields[1]);
      SpanId spanId = SpanId.fromHex(fields[2]);
      boolean sampled = (Integer.parseInt(fields[3], 16) & SAMPLED_FLAG) != 0;
      return new Traceparent(traceId, spanId, sampled ? Sampling.SAMPLED : Sampling.NOT_SAMPLED);
    } catch (IllegalArgumentException e) {
      errors.add(header + ": " + e.getMessage());
      return null;
    }
  }

  private static boolean isAllZero(String hex) {
    return hex.chars().allMatch(c -> c == '0');
  }
}
