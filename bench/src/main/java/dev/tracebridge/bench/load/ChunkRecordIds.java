package dev.tracebridge.bench.load;

import dev.tracebridge.store.cassandra.codec.ChunkCodec;
import dev.tracebridge.store.cassandra.codec.RumEventCodec;
import dev.tracebridge.store.cassandra.codec.SpanCodec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Reads only the ids out of a trace_rows chunk: trace-store's {@link ChunkCodec} splits it into records
 * (and decompresses it), and {@link SpanCodec} and {@link RumEventCodec} read each record's ids without
 * decoding the rest, since the benchmark reads back every trace it wrote.
 */
final class ChunkRecordIds {

  private ChunkRecordIds() {}

  /** Adds the (trace id low 64 bits, span id) of every span in the chunk. */
  static void spanIds(ByteBuffer chunk, Set<Object> out) {
    for (ByteBuffer record : ChunkCodec.records(chunk)) {
      out.add(new SpanKey(SpanCodec.traceIdLow(record), SpanCodec.spanId(record)));
    }
  }

  /** Adds the event id of every RUM event in the chunk, as its UTF-8 bytes (how per-event rows hold it). */
  static void eventIds(ByteBuffer chunk, Set<Object> out) {
    for (ByteBuffer record : ChunkCodec.records(chunk)) {
      out.add(ByteBuffer.wrap(RumEventCodec.eventId(record).getBytes(StandardCharsets.UTF_8)));
    }
  }

  /** A stored span as the read-back counts it. */
  record SpanKey(long traceIdLow, long spanId) {}
}
