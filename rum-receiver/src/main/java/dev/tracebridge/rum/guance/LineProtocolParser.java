package dev.tracebridge.rum.guance;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * InfluxDB line protocol: {@code measurement[,tag=value...] field=value[,field=value...] [timestamp]}, one
 * point per line. Scanned rather than split, because a quoted string field may hold raw newlines (Guance's
 * SDK writes {@code error_stack} that way) and a tag may hold a backslash-escaped newline. Escapes: in
 * names and tags a backslash before a comma, equals sign, space, quote or whitespace character stands for
 * that character (Guance's {@code escapeRowData} escapes exactly those), any other backslash is literal;
 * in a quoted field {@code \"} and {@code \\} are the escapes. A malformed line is reported and skipped;
 * the next line is parsed afresh.
 */
final class LineProtocolParser {
  // Possessive quantifiers and a fraction that needs its '.': a long run of digits that is not a number
  // then fails in one pass instead of backtracking quadratically (a fuzzed 8 MiB field pinned a core).
  private static final Pattern FLOAT =
      Pattern.compile("[+-]?+(?:\\d++(?:\\.\\d*+)?+|\\.\\d++)(?:[eE][+-]?+\\d++)?+");
  private static final Pattern INTEGER = Pattern.compile("[+-]?+\\d++");
  /** Longer tokens are cut in error messages, which go back to the client in the receipt. */
  private static final int MAX_QUOTED_TOKEN = 40;

  /** Receives each point, or the reason a line was skipped. */
  interface Handler {
    void point(LinePoint point);

    /** @param position {@code line N} */
    void malformed(String position, String reason);
  }

  private final String text;
  private int pos;
  private int line = 1;

  private LineProtocolParser(String text) {
    this.text = text;
  }

  static void parse(String text, Handler handler) {
    new LineProtocolParser(text).run(handler);
  }

  private void run(Handler handler) {
    while (true) {
      skipBlankLines();
      if (pos >= text.length()) return;
      int startLine = line;
      if (text.charAt(pos) == '#') {
        skipRestOfLine();
        continue;
      }
      LinePoint point;
      try {
        point = point(startLine);
      } catch (SyntaxError e) {
        handler.malformed("line " + startLine, e.getMessage());
        skipRestOfLine();
        continue;
      }
      handler.point(point);
    }
  }

  private LinePoint point(int startLine) {
    String measurement = name(true, "measurement");
    if (measurement.isEmpty()) throw new SyntaxError("measurement: missing");
    Map<String, String> tags = new LinkedHashMap<>();
    while (peek() == ',') {
      pos++;
      String key = name(false, "tag key");
      if (key.isEmpty()) throw new SyntaxError("tag key: empty after " + measurement);
      expect('=', "'=' after tag key '" + key + "'");
      tags.put(key, name(true, "tag value of '" + key + "'"));
    }
    if (peek() != ' ') throw new SyntaxError("expected a space before the fields, got " + describe(peek()));
    skipSpaces();
    Map<String, FieldValue> fields = new LinkedHashMap<>();
    do {
      if (peek() == ',') pos++;
      String key = name(false, "field key");
      if (key.isEmpty()) throw new SyntaxError("field key: empty");
      expect('=', "'=' after field key '" + key + "'");
      fields.put(key, fieldValue(key));
    } while (peek() == ',');
    Long timestamp = null;
    if (peek() == ' ' || peek() == '\t') {
      skipSpaces();
      if (!atLineEnd()) timestamp = timestamp();
    }
    skipSpaces();
    if (!atLineEnd()) throw new SyntaxError("unexpected " + describe(peek()) + " after the point");
    return new LinePoint("line " + startLine, measurement, tags, fields, timestamp);
  }

  /**
   * A measurement, tag key/value or field key. Stops at an unescaped comma or space, and at an equals
   * sign unless {@code equalsAllowed} (a tag value may hold one unescaped).
   */
  private String name(boolean equalsAllowed, String what) {
    StringBuilder out = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '\\' && pos + 1 < text.length() && isEscapable(text.charAt(pos + 1))) {
        char escaped = text.charAt(pos + 1);
        if (escaped == '\n') line++;
        out.append(escaped);
        pos += 2;
        continue;
      }
      if (c == ',' || c == ' ' || (c == '=' && !equalsAllowed)) break;
      if (c == '\n' || c == '\r') throw new SyntaxError(what + ": the line ended before the fields");
      out.append(c);
      pos++;
    }
    return out.toString();
  }

  private FieldValue fieldValue(String key) {
    if (peek() == '"') return new FieldValue.StringField(quoted(key));
    int start = pos;
    while (pos < text.length() && ", \t\r\n".indexOf(text.charAt(pos)) < 0) pos++;
    String token = text.substring(start, pos);
    if (token.isEmpty()) throw new SyntaxError("field '" + key + "': value missing");
    switch (token) {
      case "t", "T", "true", "True", "TRUE":
        return new FieldValue.BooleanField(true);
      case "f", "F", "false", "False", "FALSE":
        return new FieldValue.BooleanField(false);
      default:
        break;
    }
    char suffix = token.charAt(token.length() - 1);
    String digits = token.substring(0, token.length() - 1);
    try {
      if (suffix == 'i' && INTEGER.matcher(digits).matches()) {
        return new FieldValue.IntegerField(Long.parseLong(digits));
      }
      if (suffix == 'u' && digits.chars().allMatch(Character::isDigit) && !digits.isEmpty()) {
        return new FieldValue.UnsignedField(Long.parseUnsignedLong(digits));
      }
    } catch (NumberFormatException e) {
      throw new SyntaxError("field '" + key + "': " + quote(token) + " does not fit in 64 bits");
    }
    if (FLOAT.matcher(token).matches()) return new FieldValue.FloatField(Double.parseDouble(token));
    throw new SyntaxError("field '" + key + "': " + quote(token)
        + " (expected: a number, an integer with i, an unsigned with u, a boolean or a quoted string)");
  }

  private String quoted(String key) {
    int startLine = line;
    pos++;
    StringBuilder out = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '\\' && pos + 1 < text.length() && (text.charAt(pos + 1) == '"' || text.charAt(pos + 1) == '\\')) {
        out.append(text.charAt(pos + 1));
        pos += 2;
        continue;
      }
      pos++;
      if (c == '"') return out.toString();
      if (c == '\n') line++;
      out.append(c);
    }
    throw new SyntaxError("field '" + key + "': string opened on line " + startLine + " is never closed");
  }

  private long timestamp() {
    int start = pos;
    while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) < 0) pos++;
    String token = text.substring(start, pos);
    if (!INTEGER.matcher(token).matches()) {
      throw new SyntaxError("timestamp: " + quote(token) + " (expected: an integer)");
    }
    try {
      return Long.parseLong(token);
    } catch (NumberFormatException e) {
      throw new SyntaxError("timestamp: " + quote(token) + " does not fit in 64 bits");
    }
  }

  private static boolean isEscapable(char c) {
    return c == ',' || c == '=' || c == ' ' || c == '"' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
  }

  private void expect(char c, String what) {
    if (peek() != c) throw new SyntaxError("expected " + what + ", got " + describe(peek()));
    pos++;
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\n';
  }

  private boolean atLineEnd() {
    return pos >= text.length() || text.charAt(pos) == '\n' || text.charAt(pos) == '\r';
  }

  private void skipSpaces() {
    while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) pos++;
  }

  private void skipBlankLines() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      if (text.charAt(pos) == '\n') line++;
      pos++;
    }
  }

  private void skipRestOfLine() {
    while (pos < text.length() && text.charAt(pos) != '\n') pos++;
  }

  private static String describe(char c) {
    return c == '\n' ? "the end of the line" : "'" + c + "'";
  }

  private static String quote(String token) {
    return "'" + (token.length() <= MAX_QUOTED_TOKEN ? token : token.substring(0, MAX_QUOTED_TOKEN) + "...") + "'";
  }

  private static final class SyntaxError extends RuntimeException {
    SyntaxError(String message) {
      super(message, null, false, false);
    }
  }
}
