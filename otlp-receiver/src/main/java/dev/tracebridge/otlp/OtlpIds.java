package dev.tracebridge.otlp;

import com.google.protobuf.ByteString;
import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.TraceId;
import org.jspecify.annotations.Nullable;

/**
 * Checks OTLP ids, binary (protobuf) and hex (OTLP/JSON), the way the OTLP spec defines them: a trace id
 * is exactly 16 bytes, a span id exactly 8, and neither may be all zero. A parent id that is empty or
 * all zero means "no parent" (some SDKs send zeros for a root); any other length is invalid.
 */
final class OtlpIds {
  private static final int TRACE_ID_BYTES = 16;
  private static final int SPAN_ID_BYTES = 8;
  private static final int TRACE_ID_HEX = 2 * TRACE_ID_BYTES;
  private static final int SPAN_ID_HEX = 2 * SPAN_ID_BYTES;
  /** Enough of a bad value to recognise it (a 32-digit id and some), short enough for a message. */
  private static final int MAX_QUOTED_CHARS = 40;

  private OtlpIds() {}

  static TraceId traceId(String field, ByteString bytes) throws InvalidSpanException {
    if (bytes.size() != TRACE_ID_BYTES) {
      throw new InvalidSpanException(
          field + ": " + bytes.size() + " bytes (expected: " + TRACE_ID_BYTES + ")");
    }
    long high = readLong(bytes, 0);
    long low = readLong(bytes, SPAN_ID_BYTES);
    if (high == 0 && low == 0) throw allZero(field);
    return TraceId.of(high, low);
  }

  static SpanId spanId(String field, ByteString bytes) throws InvalidSpanException {
    if (bytes.size() != SPAN_ID_BYTES) {
      throw new InvalidSpanException(
          field + ": " + bytes.size() + " bytes (expected: " + SPAN_ID_BYTES + ")");
    }
    long value = readLong(bytes, 0);
    if (value == 0) throw allZero(field);
    return SpanId.of(value);
  }

  static @Nullable SpanId parentSpanId(String field, ByteString bytes) throws InvalidSpanException {
    if (bytes.isEmpty()) return null;
    if (bytes.size() != SPAN_ID_BYTES) {
      throw new InvalidSpanException(field + ": " + bytes.size() + " bytes (expected: "
          + SPAN_ID_BYTES + ", or empty for a root span)");
    }
    long value = readLong(bytes, 0);
    return value == 0 ? null : SpanId.of(value);
  }

  static TraceId traceIdHex(String field, String hex) throws InvalidSpanException {
    if (hex.length() != TRACE_ID_HEX || !isHex(hex)) throw notHex(field, hex, TRACE_ID_HEX);
    TraceId id = parseTraceHex(hex);
    if (id == null) throw allZero(field);
    return id;
  }

  static SpanId spanIdHex(String field, String hex) throws InvalidSpanException {
    if (hex.length() != SPAN_ID_HEX || !isHex(hex)) throw notHex(field, hex, SPAN_ID_HEX);
    long value = Long.parseUnsignedLong(hex, 16);
    if (value == 0) throw allZero(field);
    return SpanId.of(value);
  }

  static @Nullable SpanId parentSpanIdHex(String field, String hex) throws InvalidSpanException {
    if (hex.isEmpty()) return null;
    if (hex.length() != SPAN_ID_HEX || !isHex(hex)) {
      throw new InvalidSpanException(field + ": '" + abbreviate(hex) + "' (expected: " + SPAN_ID_HEX
          + " hex digits, or empty for a root span)");
    }
    long value = Long.parseUnsignedLong(hex, 16);
    return value == 0 ? null : SpanId.of(value);
  }

  private static @Nullable TraceId parseTraceHex(String hex) {
    long high = Long.parseUnsignedLong(hex, 0, SPAN_ID_HEX, 16);
    long low = Long.parseUnsignedLong(hex, SPAN_ID_HEX, TRACE_ID_HEX, 16);
    return high == 0 && low == 0 ? null : TraceId.of(high, low);
  }

  private static long readLong(ByteString bytes, int offset) {
    long value = 0;
    for (int i = offset; i < offset + 8; i++) {
      value = (value << 8) | (bytes.byteAt(i) & 0xff);
    }
    return value;
  }

  private static boolean isHex(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (!hex) return false;
    }
    return true;
  }

  private static InvalidSpanException allZero(String field) {
    return new InvalidSpanException(field + ": all zero (expected: a non-zero id)");
  }

  private static InvalidSpanException notHex(String field, String text, int digits) {
    if (text.isEmpty()) return new InvalidSpanException(field + ": missing");
    return new InvalidSpanException(
        field + ": '" + abbreviate(text) + "' (expected: " + digits + " hex digits)");
  }

  /** Error messages quote what the client sent, but never a megabyte of it. */
  static String abbreviate(String text) {
    return text.length() <= MAX_QUOTED_CHARS ? text : text.substring(0, MAX_QUOTED_CHARS) + "...";
  }
}
