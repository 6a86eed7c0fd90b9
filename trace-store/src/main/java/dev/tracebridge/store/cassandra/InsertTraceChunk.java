package dev.tracebridge.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import dev.tracebridge.core.model.TraceKey;
import java.nio.ByteBuffer;

/**
 * {@code INSERT INTO trace_rows}: one chunk row (schema v3), many spans or RUM resources in one blob. Only
 * the key columns and the payload are bound: the per-row summary columns of v1 rows stay unset (an
 * unset column writes nothing, a null would write a tombstone).
 */
final class InsertTraceChunk {
  static final String CQL = "INSERT INTO %s." + Schema.TRACE_ROWS
      + " (trace_key, row_kind, row_id, payload) VALUES (?, ?, ?, ?) USING TTL ?";
  /** A chunk's row id: its 8-byte chunk id. */
  static final int CHUNK_ROW_ID_BYTES = 8;

  private InsertTraceChunk() {}

  /** Prepares the statement once per session and binds chunks to it. */
  static final class Factory {
    private final PreparedStatement statement;
    private final int ttlSeconds;

    Factory(CqlSession session, String keyspace, int ttlSeconds) {
      this.statement = session.prepare(CQL.formatted(keyspace));
      this.ttlSeconds = ttlSeconds;
    }

    BoundStatement chunk(TraceKey key, TraceChunks.Chunk chunk) {
      return statement.boundStatementBuilder()
          .setLong(0, key.value())
          .setByte(1, chunk.rowKind())
          .setByteBuffer(2, ByteBuffer.allocate(CHUNK_ROW_ID_BYTES).putLong(0, chunk.id()))
          .setByteBuffer(3, ByteBuffer.wrap(chunk.payload()))
          .setInt(4, ttlSeconds)
          .setIdempotence(true)
          .build();
    }
  }
}
