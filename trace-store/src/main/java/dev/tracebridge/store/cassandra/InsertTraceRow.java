package dev.tracebridge.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.TraceKey;
import dev.tracebridge.core.rum.RumResource;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * {@code INSERT INTO trace_rows}: one span or RUM resource row of a trace partition. The row key is the
 * record's own identity, so writing the same record again overwrites it (idempotent).
 */
final class InsertTraceRow {
  static final String CQL = "INSERT INTO %s." + Schema.TRACE_ROWS
      + " (trace_key, row_kind, row_id, payload, service, name, start_nanos, duration_nanos, error)"
      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) USING TTL ?";
  /** A span's row id: 16 bytes of trace id and 8 of span id. */
  static final int SPAN_ROW_ID_BYTES = 24;
  /** Statuses from which a browser request counts as failed (0 is no response at all). */
  private static final int FIRST_SERVER_ERROR_STATUS = 500;

  private InsertTraceRow() {}

  static ByteBuffer spanRowId(Span span) {
    return ByteBuffer.allocate(SPAN_ROW_ID_BYTES)
        .putLong(span.traceId().high()).putLong(span.traceId().low()).putLong(span.spanId().value())
        .flip();
  }

  static boolean isFailed(RumResource resource) {
    return resource.statusCode() == 0 || resource.statusCode() >= FIRST_SERVER_ERROR_STATUS;
  }

  /** Prepares the statement once per session and binds rows to it. */
  static final class Factory {
    private final PreparedStatement statement;
    private final int ttlSeconds;

    Factory(CqlSession session, String keyspace, int ttlSeconds) {
      this.statement = session.prepare(CQL.formatted(keyspace));
      this.ttlSeconds = ttlSeconds;
    }

    BoundStatement span(TraceKey key, Span span, byte[] payload) {
      return statement.boundStatementBuilder()
          .setLong(0, key.value())
          .setByte(1, Schema.ROW_KIND_SPAN)
          .setByteBuffer(2, spanRowId(span))
          .setByteBuffer(3, ByteBuffer.wrap(payload))
          .setString(4, span.serviceName())
          .setString(5, span.name())
          .setLong(6, span.startEpochNanos())
          .setLong(7, span.durationNanos())
          .setBoolean(8, span.status().isError())
          .setInt(9, ttlSeconds)
          .setIdempotence(true)
          .build();
    }

    BoundStatement resource(TraceKey key, RumResource resource, byte[] payload) {
      return statement.boundStatementBuilder()
          .setLong(0, key.value())
          .setByte(1, Schema.ROW_KIND_RESOURCE)
          .setByteBuffer(2, ByteBuffer.wrap(resource.eventId().getBytes(StandardCharsets.UTF_8)))
          .setByteBuffer(3, ByteBuffer.wrap(payload))
          .setString(4, resource.context().appId())
          .setString(5, resource.method() + " " + resource.url())
          .setLong(6, resource.epochNanos())
          .setLong(7, resource.durationNanos())
          .setBoolean(8, isFailed(resource))
          .setInt(9, ttlSeconds)
          .setIdempotence(true)
          .build();
    }
  }
}
