package dev.tracebridge.rum.headers;

/** Shape checks done before the core id parsers, so error messages can say what the format expects. */
final class HexText {
  /** Digits of a 128-bit id. */
  static final int HEX_128 = 32;
  /** Digits of a 64-bit id. */
  static final int HEX_64 = 16;
  /** Longer values are cut in error messages: enough to recognise one, too short to flood a report. */
  private static final int MAX_QUOTED = 80;

  private HexText() {}

  static boolean isHex(String text, int minLength, int maxLength) {
    int length = text.length();
    if (length < minLength || length > maxLength) return false;
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (!hex) return false;
    }
    return true;
  }

  static boolean isHex(String text, int exactLength) {
    return isHex(text, exactLength, exactLength);
  }

  static boolean isDecimal(String text) {
    if (text.isEmpty()) return false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') return false;
    }
    return true;
  }

  /** The value as it appears in an error message, cut so a hostile header cannot flood the report. */
  static String quote(String value) {
    return "'" + (value.length() <= MAX_QUOTED ? value : value.substring(0, MAX_QUOTED) + "...") + "'";
  }
}
