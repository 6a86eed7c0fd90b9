package dev.tracebridge.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import org.junit.jupiter.api.Test;

class ChunkRecordIdsTest {
  private static final long TRACE_HIGH = 0x0102030405060708L;
  private static final long TRACE_LOW = 0x1112131415161718L;

  @Test
  void formatOneChunk_yieldsEverySpanId() {
    Set<Object> ids = new HashSet<>();

    ChunkRecordIds.spanIds(ByteBuffer.wrap(spanChunk(7L, 9L)), ids);

    assertThat(ids).hasSize(2);
  }

  @Test
  void compressedChunk_yieldsTheSameIdsAsItsFormatOneBody() {
    byte[] formatOne = spanChunk(7L, 9L, 11L);
    Set<Object> plain = new HashSet<>();
    Set<Object> compressed = new HashSet<>();

    ChunkRecordIds.spanIds(ByteBuffer.wrap(formatOne), plain);
    ChunkRecordIds.spanIds(ByteBuffer.wrap(compress(formatOne)), compressed);

    assertThat(compressed).hasSize(3).isEqualTo(plain);
  }

  /** A format 1 chunk of span records that hold only what the reader looks at, padded like real ones. */
  private static byte[] spanChunk(long... spanIds) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(1);
    out.write(spanIds.length);
    for (long spanId : spanIds) {
      ByteBuffer record = ByteBuffer.allocate(1 + 16 + 8 + 40);
      record.put((byte) 1).putLong(TRACE_HIGH).putLong(TRACE_LOW).putLong(spanId);
      out.writeBytes(ByteBuffer.allocate(4).putInt(record.capacity()).array());
      out.writeBytes(record.array());
    }
    return out.toByteArray();
  }

  /** Format 2 as trace-store writes it: format byte, body length as a varint, the body as one LZ4 block. */
  private static byte[] compress(byte[] formatOne) {
    LZ4Compressor compressor = LZ4Factory.fastestInstance().fastCompressor();
    int bodyLength = formatOne.length - 1;
    assertThat(bodyLength).isBetween(128, 16_383); // a two-byte varint
    byte[] out = new byte[3 + compressor.maxCompressedLength(bodyLength)];
    out[0] = 2;
    out[1] = (byte) ((bodyLength & 0x7F) | 0x80);
    out[2] = (byte) (bodyLength >>> 7);
    int written = compressor.compress(formatOne, 1, bodyLength, out, 3, out.length - 3);
    return Arrays.copyOf(out, 3 + written);
  }
}
