package dev.tracebridge.api.query;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.TraceId;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A JSON writer that encodes straight into an {@link AnswerBuffer}'s array, for the one answer where the
 * encoding is most of the work: a 200-span trace's ~145 KB, 47 % of the trace route's Java samples with
 * Jackson's streaming generator, which spends part of that on per-value bookkeeping (its write context, a
 * check of every character through a char buffer, an 8 KB buffer flushed into ours). Here a name is bytes
 * quoted once ({@link Name}), a string is checked and copied in one pass, numbers and ids are formatted in
 * place, and the only state is whether the current container already has a member: 15-18 % less time than
 * Jackson for the same trace (docs/benchmarks.md, "Query latency", session 9).
 *
 * <p>The output is RFC 8259 JSON: control characters, quote and backslash escaped (short forms where JSON
 * has them), other text as UTF-8; a lone surrogate, which UTF-8 cannot carry, as its {@code \\uXXXX}
 * escape; non-finite doubles as the strings {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"}, as
 * Jackson writes them. Callers keep names and values in turn; nothing checks the shape for them.
 */
final class JsonBytes {
  private static final byte[] NULL = {'n', 'u', 'l', 'l'};
  private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
  private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
  private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  /** For each ASCII character, its short escape's letter, {@code 'u'} for the long form, or 0 for none. */
  private static final byte[] ESCAPES = new byte[128];
  /** "00" to "99": two digits per step when formatting numbers. */
  private static final byte[] DIGIT_PAIRS = new byte[200];
  /** The longest a long formats to: "-9223372036854775808". */
  private static final int LONG_CHARS = 20;

  static {
    for (int c = 0; c < 0x20; c++) ESCAPES[c] = 'u';
    ESCAPES['"'] = '"';
    ESCAPES['\\'] = '\\';
    ESCAPES['\b'] = 'b';
    ESCAPES['\f'] = 'f';
    ESCAPES['\n'] = 'n';
    ESCAPES['\r'] = 'r';
    ESCAPES['\t'] = 't';
    for (int i = 0; i < 100; i++) {
      DIGIT_PAIRS[2 * i] = (byte) ('0' + i / 10);
      DIGIT_PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
    }
  }

  private final AnswerBuffer answer;
  private byte[] bytes;
  private int position;
  /** Per open container (index = depth), whether it has a member yet: the next one needs a comma. */
  private boolean[] hasMember = new boolean[16];
  private int depth;
  /** A name was just written: the value after it takes no comma. */
  private boolean afterName;

  JsonBytes(AnswerBuffer answer) {
    this.answer = requireNonNull(answer, "answer");
    this.bytes = answer.array();
    this.position = answer.length();
  }

  /** A property name, quoted and escaped once, with its colon. */
  static final class Name {
    private final byte[] encoded;

    private Name(byte[] encoded) {
      this.encoded = encoded;
    }

    static Name of(String name) {
      AnswerBuffer scratch = AnswerBuffer.unpooled(name.length() + 3);
      JsonBytes out = new JsonBytes(scratch);
      out.quoted(name);
      out.reserve(1);
      out.bytes[out.position++] = ':';
      out.finish();
      return new Name(Arrays.copyOf(scratch.array(), scratch.length()));
    }
  }

  JsonBytes startObject() {
    return open((byte) '{');
  }

  JsonBytes endObject() {
    return close((byte) '}');
  }

  JsonBytes startArray() {
    return open((byte) '[');
  }

  JsonBytes endArray() {
    return close((byte) ']');
  }

  JsonBytes name(Name name) {
    byte[] encoded = name.encoded;
    reserve(encoded.length + 1);
    if (hasMember[depth]) bytes[position++] = ',';
    hasMember[depth] = true;
    System.arraycopy(encoded, 0, bytes, position, encoded.length);
    position += encoded.length;
    afterName = true;
    return this;
  }

  /** {@code value}, or null. */
  JsonBytes string(@Nullable String value) {
    if (value == null) return nullValue();
    beforeValue();
    quoted(value);
    return this;
  }

  JsonBytes number(long value) {
    beforeValue();
    reserve(LONG_CHARS);
    if (value < 0) {
      if (value == Long.MIN_VALUE) {
        raw("-9223372036854775808");
        return this;
      }
      bytes[position++] = '-';
      value = -value;
    }
    int end = position + digits(value);
    int at = end;
    while (value >= 100) {
      int pair = (int) (value % 100) * 2;
      value /= 100;
      bytes[--at] = DIGIT_PAIRS[pair + 1];
      bytes[--at] = DIGIT_PAIRS[pair];
    }
    if (value >= 10) {
      bytes[--at] = DIGIT_PAIRS[(int) value * 2 + 1];
      bytes[--at] = DIGIT_PAIRS[(int) value * 2];
    } else {
      bytes[--at] = (byte) ('0' + value);
    }
    position = end;
    return this;
  }

  JsonBytes number(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) return string(Double.toString(value));
    beforeValue();
    raw(Double.toString(value));
    return this;
  }

  JsonBytes bool(boolean value) {
    beforeValue();
    byte[] literal = value ? TRUE : FALSE;
    reserve(literal.length);
    System.arraycopy(literal, 0, bytes, position, literal.length);
    position += literal.length;
    return this;
  }

  JsonBytes nullValue() {
    beforeValue();
    reserve(NULL.length);
    System.arraycopy(NULL, 0, bytes, position, NULL.length);
    position += NULL.length;
    return this;
  }

  /** The id as 32 lowercase hex digits: no String per id, and nothing to escape. */
  JsonBytes hex(TraceId id) {
    id.writeHex(bytes, quotedRoom(32));
    return this;
  }

  /** The id as 16 lowercase hex digits. */
  JsonBytes hex(SpanId id) {
    id.writeHex(bytes, quotedRoom(16));
    return this;
  }

  /** Hands the written bytes to the answer; nothing may be written afterwards. */
  void finish() {
    answer.written(position);
  }

  private JsonBytes open(byte bracket) {
    beforeValue();
    reserve(1);
    bytes[position++] = bracket;
    if (++depth == hasMember.length) hasMember = Arrays.copyOf(hasMember, 2 * depth);
    hasMember[depth] = false;
    return this;
  }

  private JsonBytes close(byte bracket) {
    depth--;
    reserve(1);
    bytes[position++] = bracket;
    return this;
  }

  private void beforeValue() {
    if (afterName) {
      afterName = false;
      return;
    }
    if (hasMember[depth]) {
      reserve(1);
      bytes[position++] = ',';
    }
    hasMember[depth] = true;
  }

  /** {@code text} in quotes. Most text is ASCII with nothing to escape: a byte per char, one check each. */
  private void quoted(String text) {
    int length = text.length();
    // Three bytes hold any char's UTF-8 (a surrogate pair takes four for two chars); escapes reserve more.
    reserve(3 * length + 2);
    byte[] out = bytes;
    int at = position;
    out[at++] = '"';
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c < 0x80 && ESCAPES[c] == 0) {
        out[at++] = (byte) c;
        continue;
      }
      position = at;
      i = special(text, i);
      out = bytes;
      at = position;
    }
    out[at++] = '"';
    position = at;
  }

  /**
   * Writes the char at {@code i}, which needs escaping or more than one byte, and answers the index of the
   * last char it consumed. Room for 3 bytes per remaining char is reserved; escapes take up to 6.
   */
  private int special(String text, int i) {
    char c = text.charAt(i);
    if (c < 0x80) {
      reserve(6 + 3 * (text.length() - i));
      byte letter = ESCAPES[c];
      bytes[position++] = '\\';
      if (letter != 'u') {
        bytes[position++] = letter;
      } else {
        unicodeEscape(c);
      }
    } else if (c < 0x800) {
      bytes[position++] = (byte) (0xc0 | c >> 6);
      bytes[position++] = (byte) (0x80 | c & 0x3f);
    } else if (!Character.isSurrogate(c)) {
      bytes[position++] = (byte) (0xe0 | c >> 12);
      bytes[position++] = (byte) (0x80 | c >> 6 & 0x3f);
      bytes[position++] = (byte) (0x80 | c & 0x3f);
    } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
        && Character.isLowSurrogate(text.charAt(i + 1))) {
      int code = Character.toCodePoint(c, text.charAt(i + 1));
      bytes[position++] = (byte) (0xf0 | code >> 18);
      bytes[position++] = (byte) (0x80 | code >> 12 & 0x3f);
      bytes[position++] = (byte) (0x80 | code >> 6 & 0x3f);
      bytes[position++] = (byte) (0x80 | code & 0x3f);
      return i + 1;
    } else {
      reserve(6 + 3 * (text.length() - i));
      bytes[position++] = '\\';
      unicodeEscape(c);
    }
    return i;
  }

  private void unicodeEscape(char c) {
    bytes[position++] = 'u';
    bytes[position++] = HEX_DIGITS[c >> 12];
    bytes[position++] = HEX_DIGITS[c >> 8 & 0xf];
    bytes[position++] = HEX_DIGITS[c >> 4 & 0xf];
    bytes[position++] = HEX_DIGITS[c & 0xf];
  }

  /** Writes the quotes around {@code count} bytes left to fill, and answers where the caller fills them. */
  private int quotedRoom(int count) {
    beforeValue();
    reserve(count + 2);
    int at = position + 1;
    bytes[position] = '"';
    bytes[at + count] = '"';
    position += count + 2;
    return at;
  }

  /** ASCII text that needs no quoting or escaping: number literals. */
  private void raw(String ascii) {
    int length = ascii.length();
    reserve(length);
    for (int i = 0; i < length; i++) bytes[position++] = (byte) ascii.charAt(i);
  }

  private void reserve(int count) {
    if (count > bytes.length - position) bytes = answer.grow(position, count);
  }

  /** How many digits {@code value} (≥ 0) has. */
  private static int digits(long value) {
    int digits = 1;
    long bound = 10;
    while (digits < 19 && value >= bound) {
      digits++;
      bound *= 10;
    }
    return digits;
  }
}
