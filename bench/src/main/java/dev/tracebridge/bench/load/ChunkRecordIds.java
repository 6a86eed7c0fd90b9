package dev.tracebridge.bench.load;

import java.nio.ByteBuffer;
import java.util.Set;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * Reads only the ids out of a trace_rows chunk (trace-store's ChunkCodec format 1: a format byte, a varint
 * count, then per record a 4-byte length and the record; format 2: a format byte, the body's length as a
 * varint, then format 1's body after its format byte as one LZ4 block). The benchmark does not depend on
 * trace-store, so it reads the few bytes it needs itself: a span record is its format byte, 16 trace id bytes, 8 span id
 * bytes; a RUM record its format byte, a type byte, then the event id as a varint length and UTF-8.
 */
final class ChunkRecordIds {
  private static final int TRACE_ID_BYTES = 16;
  private static final int SPAN_ID_OFFSET = 1 + TRACE_ID_BYTES;
  private static final int EVENT_ID_OFFSET = 2;
  private static final int FORMAT_LZ4 = 2;
  private static final LZ4SafeDecompressor DECOMPRESSOR = LZ4Factory.fastestInstance().safeDecompressor();

  private ChunkRecordIds() {}

  /** Adds the (trace id low 64 bits, span id) of every span in the chunk. */
  static void spanIds(ByteBuffer chunk, Set<Object> out) {
    ByteBuffer in = body(chunk);
    long count = readVarLong(in);
    for (long i = 0; i < count; i++) {
      int length = in.getInt();
      int start = in.position();
      out.add(new SpanKey(in.getLong(start + 1 + Long.BYTES), in.getLong(start + SPAN_ID_OFFSET)));
      in.position(start + length);
    }
  }

  /** Adds the event id of every RUM event in the chunk. */
  static void eventIds(ByteBuffer chunk, Set<Object> out) {
    ByteBuffer in = body(chunk);
    long count = readVarLong(in);
    for (long i = 0; i < count; i++) {
      int length = in.getInt();
      int start = in.position();
      in.position(start + EVENT_ID_OFFSET);
      int idLength = (int) readVarLong(in);
      byte[] id = new byte[idLength];
      in.get(id);
      out.add(ByteBuffer.wrap(id));
      in.position(start + length);
    }
  }

  /** The chunk after its format byte, decompressed when it is format 2. */
  private static ByteBuffer body(ByteBuffer chunk) {
    ByteBuffer in = chunk.duplicate();
    if (in.get() != FORMAT_LZ4) return in;
    byte[] body = new byte[Math.toIntExact(readVarLong(in))];
    DECOMPRESSOR.decompress(in, in.position(), in.remaining(), ByteBuffer.wrap(body), 0, body.length);
    return ByteBuffer.wrap(body);
  }

  private static long readVarLong(ByteBuffer in) {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = in.get() & 0xFF;
      value |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) return value;
    }
    throw new IllegalStateException("varint longer than 10 bytes in a chunk");
  }

  private record SpanKey(long traceIdLow, long spanId) {}
}
