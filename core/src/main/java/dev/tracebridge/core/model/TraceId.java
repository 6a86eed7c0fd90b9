package dev.tracebridge.core.model;

import static java.util.Objects.requireNonNull;

/**
 * A trace id in its canonical form: 128 bits, printed as 32 lowercase hex digits. A 64-bit id (Datadog
 * decimal, B3/Jaeger 16-hex, a zero-padded W3C id) is the same value with the high half zero, so a
 * browser that only knows 64 bits and a backend that knows 128 meet on {@link #key()}.
 */
public record TraceId(long high, long low) implements Comparable<TraceId> {

  public TraceId {
    if (high == 0 && low == 0) {
      throw new IllegalArgumentException("traceId: all zero (expected: a non-zero id)");
    }
  }

  public static TraceId of(long high, long low) {
    return new TraceId(high, low);
  }

  /** Parses 1..32 hex digits of any case, unpadded or zero-padded: the W3C, B3, Jaeger and OTLP forms. */
  public static TraceId fromHex(CharSequence hex) {
    requireNonNull(hex, "hex");
    int length = hex.length();
    if (length < 1 || length > 32) {
      throw new IllegalArgumentException("traceId: " + length + " hex digits (expected: 1 to 32)");
    }
    try {
      if (length <= 16) {
        return new TraceId(0, HexIds.parseHex64(hex, 0, length));
      }
      int split = length - 16;
      return new TraceId(HexIds.parseHex64(hex, 0, split), HexIds.parseHex64(hex, split, length));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("traceId: '" + abbreviate(hex) + "' " + e.getMessage(), e);
    }
  }

  /** Parses Datadog's decimal form: the low 64 bits as an unsigned decimal. */
  public static TraceId fromDecimal(CharSequence decimal) {
    requireNonNull(decimal, "decimal");
    try {
      return new TraceId(0, HexIds.parseUnsignedDecimal(decimal));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("traceId: '" + abbreviate(decimal) + "' " + e.getMessage(), e);
    }
  }

  /** Takes the 16 raw bytes of OTLP's binary form. */
  public static TraceId fromBytes(byte[] bytes) {
    requireNonNull(bytes, "bytes");
    if (bytes.length != 16) {
      throw new IllegalArgumentException("traceId: " + bytes.length + " bytes (expected: 16)");
    }
    return new TraceId(readLong(bytes, 0), readLong(bytes, 8));
  }

  /**
   * Parses an id whose form is not known from its context. 32 or 16 characters, or any letter a-f,
   * mean hex; otherwise a string of digits is Datadog decimal. Format-aware parsers should call
   * {@link #fromHex} or {@link #fromDecimal} instead: a 13-digit string is ambiguous and taken as decimal.
   */
  public static TraceId parse(CharSequence text) {
    requireNonNull(text, "text");
    String trimmed = text.toString().strip();
    if (trimmed.length() == 32 || trimmed.length() == 16 || !HexIds.isDecimal(trimmed)) {
      return fromHex(trimmed);
    }
    return fromDecimal(trimmed);
  }

  /** True when only the low 64 bits are known, as from Datadog, B3 16-hex or a zero-padded W3C id. */
  public boolean is64Bit() {
    return high == 0;
  }

  /** The partition key both sides of a trace are stored under. */
  public TraceKey key() {
    return new TraceKey(low);
  }

  /**
   * Whether two ids can name the same trace: equal, or equal in the low 64 bits with one side knowing
   * only those. Two different non-zero high halves never match.
   */
  public boolean sameTraceAs(TraceId other) {
    return low == other.low && (high == other.high || high == 0 || other.high == 0);
  }

  public String toHex() {
    StringBuilder out = new StringBuilder(32);
    HexIds.appendHex16(out, high);
    HexIds.appendHex16(out, low);
    return out.toString();
  }

  /**
   * Writes {@link #toHex()}'s 32 characters as ASCII bytes into {@code out} at {@code at}: for writers
   * that emit many ids and would otherwise build a String per id only to copy it out again.
   */
  public void writeHex(byte[] out, int at) {
    HexIds.writeHex16(out, at, high);
    HexIds.writeHex16(out, at + 16, low);
  }

  public byte[] toBytes() {
    byte[] out = new byte[16];
    writeLong(out, 0, high);
    writeLong(out, 8, low);
    return out;
  }

  @Override
  public int compareTo(TraceId o) {
    int byHigh = Long.compareUnsigned(high, o.high);
    return byHigh != 0 ? byHigh : Long.compareUnsigned(low, o.low);
  }

  @Override
  public String toString() {
    return toHex();
  }

  static long readLong(byte[] b, int offset) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[offset + i] & 0xff);
    }
    return v;
  }

  static void writeLong(byte[] b, int offset, long v) {
    for (int i = 7; i >= 0; i--) {
      b[offset + i] = (byte) v;
      v >>>= 8;
    }
  }

  static String abbreviate(CharSequence text) {
    return text.length() <= 40 ? text.toString() : text.subSequence(0, 40) + "...";
  }
}
