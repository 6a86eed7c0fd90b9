package dev.tracebridge.core.model;

/**
 * The one place that turns textual ids into numbers. Every wire format's parser ends up here, so that
 * a trace id never has two spellings inside Tracebridge (DESIGN.md invariant 2).
 */
final class HexIds {
  private static final char[] DIGITS = "0123456789abcdef".toCharArray();

  private HexIds() {}

  /** Parses 1..16 hex digits of either case into the unsigned 64-bit value; -1 sentinel is not used. */
  static long parseHex64(CharSequence text, int from, int to) {
    int length = to - from;
    if (length < 1 || length > 16) {
      throw new IllegalArgumentException("expected 1 to 16 hex digits, got " + length);
    }
    long value = 0;
    for (int i = from; i < to; i++) {
      value = (value << 4) | nibble(text.charAt(i));
    }
    return value;
  }

  /** Parses an unsigned decimal below 2^64 (Datadog's ids are decimal strings of 64-bit values). */
  static long parseUnsignedDecimal(CharSequence text) {
    int length = text.length();
    if (length < 1 || length > 20) {
      throw new IllegalArgumentException("expected 1 to 20 decimal digits, got " + length);
    }
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        throw new IllegalArgumentException("not a decimal digit: '" + c + "'");
      }
    }
    try {
      return Long.parseUnsignedLong(text.toString());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("decimal id does not fit in 64 bits");
    }
  }

  static boolean isHex(CharSequence text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (!hex) return false;
    }
    return text.length() > 0;
  }

  static boolean isDecimal(CharSequence text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') return false;
    }
    return text.length() > 0;
  }

  static void appendHex16(StringBuilder out, long value) {
    for (int shift = 60; shift >= 0; shift -= 4) {
      out.append(DIGITS[(int) (value >>> shift) & 0xf]);
    }
  }

  /** The same 16 digits as {@link #appendHex16}, as ASCII bytes at {@code at}. */
  static void writeHex16(byte[] out, int at, long value) {
    for (int i = 0, shift = 60; shift >= 0; i++, shift -= 4) {
      out[at + i] = (byte) DIGITS[(int) (value >>> shift) & 0xf];
    }
  }

  private static int nibble(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    throw new IllegalArgumentException("not a hex digit: '" + c + "'");
  }
}
