package dev.tracebridge.store.cassandra.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Reads what {@link PayloadWriter} wrote. Every length and count is checked against the bytes left, so
 * a damaged row fails with {@link CorruptPayloadException} instead of allocating gigabytes.
 */
final class PayloadReader {
  private final ByteBuffer buffer;

  PayloadReader(ByteBuffer buffer) {
    this.buffer = buffer.duplicate();
  }

  /** The bytes not read yet, as a view (no copy). */
  ByteBuffer rest() {
    return buffer.slice();
  }

  /** Moves past every byte not read yet. */
  void skipRest() {
    buffer.position(buffer.limit());
  }

  int readByte() {
    require(1);
    return buffer.get() & 0xFF;
  }

  boolean readBoolean() {
    int b = readByte();
    if (b > 1) throw new CorruptPayloadException("boolean byte " + b + " (expected: 0 or 1)");
    return b == 1;
  }

  long readVarLong() {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = readByte();
      value |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) return value;
    }
    throw new CorruptPayloadException("varint longer than 10 bytes");
  }

  int readInt() {
    long zigzag = readVarLong();
    if ((zigzag >>> 32) != 0) throw new CorruptPayloadException("int varint out of range: " + zigzag);
    return (int) (zigzag >>> 1) ^ -(int) (zigzag & 1);
  }

  long readLong() {
    long zigzag = readVarLong();
    return (zigzag >>> 1) ^ -(zigzag & 1);
  }

  /**
   * A count of elements that take at least {@code minBytesEach} bytes each: a count the remaining bytes
   * cannot hold is damage, never a reason to allocate.
   */
  int readCount(int minBytesEach) {
    long count = readVarLong();
    if (count < 0 || count > buffer.remaining() / Math.max(1, minBytesEach)) {
      throw new CorruptPayloadException("count " + count + " exceeds the " + buffer.remaining()
          + " bytes left");
    }
    return (int) count;
  }

  long readFixed64() {
    require(8);
    return buffer.getLong();
  }

  /** A fixed 4-byte length, then that many bytes, returned as a view of the payload (no copy). */
  ByteBuffer readFixed32Slice() {
    require(4);
    int length = buffer.getInt();
    if (length < 0 || length > buffer.remaining()) {
      throw new CorruptPayloadException("record of " + length + " bytes exceeds the " + buffer.remaining()
          + " bytes left");
    }
    ByteBuffer slice = buffer.slice(buffer.position(), length);
    buffer.position(buffer.position() + length);
    return slice;
  }

  byte[] readBytes() {
    int length = readCount(1);
    byte[] out = new byte[length];
    buffer.get(out);
    return out;
  }

  /**
   * Reads a string as {@link #readString()} does, handing back the same instance for bytes {@code repeats}
   * saw before.
   */
  String readString(RepeatedStrings repeats) {
    int length = readCount(1);
    if (!buffer.hasArray() || length > RepeatedStrings.MAX_BYTES) return decodeString(length);
    byte[] array = buffer.array();
    int from = buffer.arrayOffset() + buffer.position();
    String known = repeats.find(array, from, length);
    if (known != null) {
      buffer.position(buffer.position() + length);
      return known;
    }
    String decoded = decodeString(length);
    repeats.remember(array, from, length, decoded);
    return decoded;
  }

  String readString() {
    return decodeString(readCount(1));
  }

  /** The {@code length} UTF-8 bytes at the position as a string; the count before them is already read. */
  private String decodeString(int length) {
    if (buffer.hasArray()) {
      byte[] array = buffer.array();
      int from = buffer.arrayOffset() + buffer.position();
      if (isAscii(array, from, length)) {
        // Nearly every string a span holds is ASCII, which is Latin-1: the JDK copies it straight into a
        // compact string, where decoding char by char cost a read of a 200-span trace a tenth of its CPU.
        buffer.position(buffer.position() + length);
        return new String(array, from, length, StandardCharsets.ISO_8859_1);
      }
    }
    int end = buffer.position() + length;
    StringBuilder out = new StringBuilder(length);
    while (buffer.position() < end) {
      int b0 = buffer.get() & 0xFF;
      if (b0 < 0x80) {
        out.append((char) b0);
      } else if ((b0 & 0xE0) == 0xC0) {
        out.append((char) ((b0 & 0x1F) << 6 | continuation(end)));
      } else if ((b0 & 0xF0) == 0xE0) {
        out.append((char) ((b0 & 0x0F) << 12 | continuation(end) << 6 | continuation(end)));
      } else if ((b0 & 0xF8) == 0xF0) {
        int codePoint = (b0 & 0x07) << 18 | continuation(end) << 12 | continuation(end) << 6
            | continuation(end);
        if (!Character.isValidCodePoint(codePoint)) {
          throw new CorruptPayloadException("code point out of range: " + codePoint);
        }
        out.appendCodePoint(codePoint);
      } else {
        throw new CorruptPayloadException("invalid leading byte 0x" + Integer.toHexString(b0));
      }
    }
    return out.toString();
  }

  @Nullable String readNullableString() {
    return readBoolean() ? readString() : null;
  }

  void requireEnd() {
    if (buffer.hasRemaining()) {
      throw new CorruptPayloadException(buffer.remaining() + " unexpected bytes after the payload");
    }
  }

  private static boolean isAscii(byte[] array, int from, int length) {
    for (int i = from, end = from + length; i < end; i++) {
      if (array[i] < 0) return false;
    }
    return true;
  }

  private int continuation(int end) {
    if (buffer.position() >= end) throw new CorruptPayloadException("string ends inside a character");
    int b = buffer.get() & 0xFF;
    if ((b & 0xC0) != 0x80) {
      throw new CorruptPayloadException("invalid continuation byte 0x" + Integer.toHexString(b));
    }
    return b & 0x3F;
  }

  private void require(int bytes) {
    if (buffer.remaining() < bytes) {
      throw new CorruptPayloadException("payload ends early: " + bytes + " more bytes expected");
    }
  }
}
