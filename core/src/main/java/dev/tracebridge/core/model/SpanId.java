package dev.tracebridge.core.model;

import static java.util.Objects.requireNonNull;

/** A 64-bit span id, printed as 16 lowercase hex digits. Zero is not an id: absent parents are null. */
public record SpanId(long value) {

  public SpanId {
    if (value == 0) {
      throw new IllegalArgumentException("spanId: all zero (expected: a non-zero id)");
    }
  }

  public static SpanId of(long value) {
    return new SpanId(value);
  }

  /** Parses 1..16 hex digits of any case, unpadded or padded. */
  public static SpanId fromHex(CharSequence hex) {
    requireNonNull(hex, "hex");
    try {
      return new SpanId(HexIds.parseHex64(hex, 0, hex.length()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "spanId: '" + TraceId.abbreviate(hex) + "' " + e.getMessage(), e);
    }
  }

  /** Parses Datadog's decimal form. */
  public static SpanId fromDecimal(CharSequence decimal) {
    requireNonNull(decimal, "decimal");
    try {
      return new SpanId(HexIds.parseUnsignedDecimal(decimal));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "spanId: '" + TraceId.abbreviate(decimal) + "' " + e.getMessage(), e);
    }
  }

  /** Takes the 8 raw bytes of OTLP's binary form. */
  public static SpanId fromBytes(byte[] bytes) {
    requireNonNull(bytes, "bytes");
    if (bytes.length != 8) {
      throw new IllegalArgumentException("spanId: " + bytes.length + " bytes (expected: 8)");
    }
    return new SpanId(TraceId.readLong(bytes, 0));
  }

  /** Same heuristic as {@link TraceId#parse}: 16 characters or a hex letter mean hex, else decimal. */
  public static SpanId parse(CharSequence text) {
    requireNonNull(text, "text");
    String trimmed = text.toString().strip();
    if (trimmed.length() == 16 || !HexIds.isDecimal(trimmed)) {
      return fromHex(trimmed);
    }
    return fromDecimal(trimmed);
  }

  public String toHex() {
    StringBuilder out = new StringBuilder(16);
    HexIds.appendHex16(out, value);
    return out.toString();
  }

  /** Writes {@link #toHex()}'s 16 characters as ASCII bytes into {@code out} at {@code at}. */
  public void writeHex(byte[] out, int at) {
    HexIds.writeHex16(out, at, value);
  }

  public byte[] toBytes() {
    byte[] out = new byte[8];
    TraceId.writeLong(out, 0, value);
    return out;
  }

  @Override
  public String toString() {
    return toHex();
  }
}
