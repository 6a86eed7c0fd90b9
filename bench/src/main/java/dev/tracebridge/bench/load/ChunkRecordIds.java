package dev.tracebridge.bench.load;

import dev.tracebridge.store.cassandra.codec.ChunkCodec;
import java.nio.ByteBuffer;
import java.util.Set;

/**
 * Reads only the ids out of a trace_rows chunk: trace-store's {@link ChunkCodec} splits it into records
 * (and decompresses it), and the few bytes needed are read from each record without decoding the rest,
 * since the benchmark reads back every trace it wrote. A span record is its format byte, 16 trace id
 * bytes, 8 span id bytes; a RUM record its format byte, a type byte, then the event id as a varint length
 * and UTF-8.
 */
final class ChunkRecordIds {
  private static final int TRACE_ID_BYTES = 16;
  private static final int SPAN_ID_OFFSET = 1 + TRACE_ID_BYTES;
  private static final int EVENT_ID_OFFSET = 2;

  private ChunkRecordIds() {}

  /** Adds the (trace id low 64 bits, span id) of every span in the chunk. */
  static void spanIds(ByteBuffer chunk, Set<Object> out) {
    for (ByteBuffer record : ChunkCodec.records(chunk)) {
      int start = record.position();
      out.add(new SpanKey(record.getLong(start + 1 + Long.BYTES), record.getLong(start + SPAN_ID_OFFSET)));
    }
  }

  /** Adds the event id of every RUM event in the chunk. */
  static void eventIds(ByteBuffer chunk, Set<Object> out) {
    for (ByteBuffer record : ChunkCodec.records(chunk)) {
      ByteBuffer in = record.duplicate();
      in.position(in.position() + EVENT_ID_OFFSET);
      byte[] id = new byte[(int) readVarLong(in)];
      in.get(id);
      out.add(ByteBuffer.wrap(id));
    }
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

  /** A stored span as the read-back counts it. */
  record SpanKey(long traceIdLow, long spanId) {}
}
