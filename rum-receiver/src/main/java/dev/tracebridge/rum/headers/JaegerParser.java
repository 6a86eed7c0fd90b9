package dev.tracebridge.rum.headers;

import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.rum.HeaderFormat;
import dev.tracebridge.core.rum.PropagatedContext;
import dev.tracebridge.core.rum.Sampling;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Jaeger's {@code uber-trace-id: traceid:spanid:parentid:flags}. Ids are hex and may be unpadded
 * ({@code 4c482a9866071599:7fce86b544364257:0:1} or {@code 1a2b:3c:0:1}); some clients URL-encode the
 * colons ({@code %3A}). Flag bit 1 means sampled. The span id is the one the backend sees as its parent.
 */
final class JaegerParser implements FormatParser {
  static final String HEADER = "uber-trace-id";
  private static final int FIELDS = 4;
  private static final int SAMPLED_FLAG = 0x01;
  /** The flags are one byte, written with or without a leading zero. */
  private static final int FLAGS_HEX = 2;

  @Override
  public @Nullable PropagatedContext parse(RequestHeaders headers, List<String> errors) {
    String raw = headers.get(HEADER);
    if (raw == null) return null;
    String value = raw;
    if (value.indexOf('%') >= 0) {
      try {
        value = URLDecoder.decode(value, StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        errors.add(HEADER + ": " + HexText.quote(raw) + " has a broken %-escape");
        return null;
      }
    }
    String[] fields = value.split(":", -1);
    if (fields.length != FIELDS) {
      errors.add(HEADER + ": " + HexText.quote(raw) + " has " + fields.length
          + " fields (expected: 4, traceid:spanid:parentid:flags)");
      return null;
    }
    if (!HexText.isHex(fields[0], 1, HexText.HEX_128)) {
      errors.add(HEADER + ": trace id " + HexText.quote(fields[0]) + " (expected: 1 to 32 hex digits)");
      return null;
    }
    if (!HexText.isHex(fields[1], 1, HexText.HEX_64)) {
      errors.add(HEADER + ": span id " + HexText.quote(fields[1]) + " (expected: 1 to 16 hex digits)");
      return null;
    }
    if (!HexText.isHex(fields[3], 1, FLAGS_HEX)) {
      errors.add(HEADER + ": flags " + HexText.quote(fields[3]) + " (expected: 1 or 2 hex digits)");
      return null;
    }
    try {
      boolean sampled = (Integer.parseInt(fields[3], 16) & SAMPLED_FLAG) != 0;
      return new PropagatedContext(HeaderFormat.JAEGER, TraceId.fromHex(fields[0]), SpanId.fromHex(fields[1]),
          sampled ? Sampling.SAMPLED : Sampling.NOT_SAMPLED);
    } catch (IllegalArgumentException e) {
      errors.add(HEADER + ": " + e.getMessage());
      return null;
    }
  }
}
