package dev.tracebridge.store.cassandra.codec;

import java.util.Arrays;
import net.jpountz.lz4.LZ4Compressor;
import org.jspecify.annotations.Nullable;

/**
 * Appends primitives to a growing byte array. Counts and small numbers are varints, timestamps and ids
 * fixed 8 bytes (a nanosecond timestamp needs 9 varint bytes), strings WTF-8: UTF-8 that also keeps
 * unpaired surrogates, which a JSON intake can deliver and plain UTF-8 would turn into '?'.
 */
final class PayloadWriter {
  /** Most spans encode to a few hundred bytes; the array doubles from there when needed. */
  private static final int INITIAL_CAPACITY = 256;

  private byte[] bytes;
  private int size;

  PayloadWriter() {
    this(INITIAL_CAPACITY);
  }

  /** A writer that starts at {@code capacity} bytes: a chunk of many records skips the doublings. */
  PayloadWriter(int capacity) {
    this.bytes = new byte[Math.max(INITIAL_CAPACITY, capacity)];
  }

  byte[] toByteArray() {
    return Arrays.copyOf(bytes, size);
  }

  /** Bytes written so far. */
  int size() {
    return size;
  }

  /** Leaves room for a fixed 4-byte number filled in later by {@link #patchFixed32}; returns where. */
  int reserveFixed32() {
    ensure(4);
    int at = size;
    size += 4;
    return at;
  }

  void patchFixed32(int at, int value) {
    bytes[at] = (byte) (value >>> 24);
    bytes[at + 1] = (byte) (value >>> 16);
    bytes[at + 2] = (byte) (value >>> 8);
    bytes[at + 3] = (byte) value;
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

  /** {@code length} bytes of {@code source} from {@code from}, compressed as one LZ4 block (no length prefix). */
  void writeLz4Block(LZ4Compressor compressor, byte[] source, int from, int length) {
    int room = compressor.maxCompressedLength(length);
    ensure(room);
    size += compressor.compress(source, from, length, bytes, size, room);
  }

  void writeBytes(byte[] value) {
    writeCount(value.length);
    ensure(value.length);
    System.arraycopy(value, 0, bytes, size, value.length);
    size += value.length;
  }

  /**
   * Walks the string once: the chars are encoded after room for the longest length prefix they could
   * need (3 bytes per char), and moved back when the real length needs fewer prefix bytes. Measuring
   * first and copying after walked every string twice, ~16 % of the engine's ingest samples with it.
   */
  void writeString(String value) {
    int length = value.length();
    int maxPrefix = varLongSize(3L * length);
    ensure(maxPrefix + length * 3);
    int start = size + maxPrefix;
    int end = encodeChars(value, start);
    int encoded = end - start;
    int prefix = varLongSize(encoded);
    if (prefix != maxPrefix) System.arraycopy(bytes, start, bytes, size + prefix, encoded);
    writeVarLong(encoded);
    size += encoded;
  }

  /** Encodes the chars at {@code at} (room already ensured) and returns where they end. */
  private int encodeChars(String value, int at) {
    byte[] out = bytes;
    int pos = at;
    int length = value.length();
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if (c < 0x80) {
        out[pos++] = (byte) c;
      } else if (c < 0x800) {
        out[pos++] = (byte) (0xC0 | c >> 6);
        out[pos++] = (byte) (0x80 | c & 0x3F);
      } else if (Character.isHighSurrogate(c) && i + 1 < length
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        int codePoint = Character.toCodePoint(c, value.charAt(++i));
        out[pos++] = (byte) (0xF0 | codePoint >> 18);
        out[pos++] = (byte) (0x80 | codePoint >> 12 & 0x3F);
        out[pos++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
        out[pos++] = (byte) (0x80 | codePoint & 0x3F);
      } else {
        // Any other BMP char, an unpaired surrogate included, takes three bytes.
        out[pos++] = (byte) (0xE0 | c >> 12);
        out[pos++] = (byte) (0x80 | c >> 6 & 0x3F);
        out[pos++] = (byte) (0x80 | c & 0x3F);
      }
    }
    return pos;
  }

  private static int varLongSize(long value) {
    int bytes = 1;
    while ((value & ~0x7FL) != 0) {
      bytes++;
      value >>>= 7;
    }
    return bytes;
  }

  /** A presence byte, then the string when there is one. */
  void writeNullableString(@Nullable String value) {
    writeBoolean(value != null);
    if (value != null) writeString(value);
  }

  private void ensure(int more) {
    if (size + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }
  }
}
