package dev.tracebridge.store.cassandra.codec;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Appends primitives to a growing byte array. Counts and small numbers are varints, timestamps and ids
 * fixed 8 bytes (a nanosecond timestamp needs 9 varint bytes), strings WTF-8: UTF-8 that also keeps
 * unpaired surrogates, which a JSON intake can deliver and plain UTF-8 would turn into '?'.
 */
final class PayloadWriter {
  /** Most spans encode to a few hundred bytes; the array doubles from there when needed. */
  private static final int INITIAL_CAPACITY = 256;

  private byte[] bytes = new byte[INITIAL_CAPACITY];
  private int size;

  byte[] toByteArray() {
    return Arrays.copyOf(bytes, size);
  }

  void writeByte(int value) {
    ensure(1);
    bytes[size++] = (byte) value;
  }

  void writeBoolean(boolean value) {
    writeByte(value ? 1 : 0);
  }

  /** An unsigned varint: 7 bits per byte, low groups first. */
  void writeVarLong(long value) {
    ensure(10);
    while ((value & ~0x7FL) != 0) {
      bytes[size++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    bytes[size++] = (byte) value;
  }

  /** A signed int as a zigzag varint, so small negatives stay small. */
  void writeInt(int value) {
    writeVarLong(((value << 1) ^ (value >> 31)) & 0xFFFFFFFFL);
  }

  /** A signed long as a zigzag varint. */
  void writeLong(long value) {
    writeVarLong((value << 1) ^ (value >> 63));
  }

  void writeCount(int count) {
    writeVarLong(count);
  }

  void writeFixed64(long value) {
    ensure(8);
    for (int shift = 56; shift >= 0; shift -= 8) {
      bytes[size++] = (byte) (value >>> shift);
    }
  }

  void writeBytes(byte[] value) {
    writeCount(value.length);
    ensure(value.length);
    System.arraycopy(value, 0, bytes, size, value.length);
    size += value.length;
  }

  void writeString(String value) {
    int length = value.length();
    writeCount(encodedLength(value));
    ensure(length * 3);
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if (c < 0x80) {
        bytes[size++] = (byte) c;
      } else if (c < 0x800) {
        bytes[size++] = (byte) (0xC0 | c >> 6);
        bytes[size++] = (byte) (0x80 | c & 0x3F);
      } else if (Character.isHighSurrogate(c) && i + 1 < length
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        int codePoint = Character.toCodePoint(c, value.charAt(++i));
        bytes[size++] = (byte) (0xF0 | codePoint >> 18);
        bytes[size++] = (byte) (0x80 | codePoint >> 12 & 0x3F);
        bytes[size++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
        bytes[size++] = (byte) (0x80 | codePoint & 0x3F);
      } else {
        // Any other BMP char, an unpaired surrogate included, takes three bytes.
        bytes[size++] = (byte) (0xE0 | c >> 12);
        bytes[size++] = (byte) (0x80 | c >> 6 & 0x3F);
        bytes[size++] = (byte) (0x80 | c & 0x3F);
      }
    }
  }

  /** A presence byte, then the string when there is one. */
  void writeNullableString(@Nullable String value) {
    writeBoolean(value != null);
    if (value != null) writeString(value);
  }

  private static int encodedLength(String value) {
    int length = value.length();
    int bytes = 0;
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < length
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  private void ensure(int more) {
    if (size + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }
  }
}
