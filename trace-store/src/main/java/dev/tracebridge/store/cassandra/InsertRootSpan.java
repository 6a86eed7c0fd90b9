package dev.tracebridge.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import dev.tracebridge.core.health.RootServerSpan;
import java.nio.ByteBuffer;

/** {@code INSERT INTO root_spans}: a parentless HTTP server span, by method, folded path and time. */
final class InsertRootSpan {
  static final String CQL = "INSERT INTO %s." + Schema.ROOT_SPANS
      + " (method, path_pattern, bucket, start_nanos, trace_id, span_id, service, path, end_nanos, session_id)"
      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) USING TTL ?";

  private InsertRootSpan() {}

  static long bucket(long startNanos) {
    return Math.floorDiv(startNanos, Schema.ROOT_SPAN_BUCKET_NANOS);
  }

  /** Prepares the statement once per session and binds spans to it. */
  static final class Factory {
    private final PreparedStatement statement;
    private final int ttlSeconds;

    Factory(CqlSession session, String keyspace, int ttlSeconds) {
      this.statement = session.prepare(CQL.formatted(keyspace));
      this.ttlSeconds = ttlSeconds;
    }

    BoundStatement span(RootServerSpan span) {
      return statement.boundStatementBuilder()
          .setString(0, span.method())
          .setString(1, span.pathPattern())
          .setLong(2, bucket(span.startEpochNanos()))
          .setLong(3, span.startEpochNanos())
          .setByteBuffer(4, ByteBuffer.wrap(span.traceId().toBytes()))
          .setLong(5, span.spanId().value())
          .setString(6, span.service())
          .setString(7, span.path())
          .setLong(8, span.endEpochNanos())
          .setString(9, span.sessionId())
          .setInt(10, ttlSeconds)
          .setIdempotence(true)
          .build();
    }
  }
}
