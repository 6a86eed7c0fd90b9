package dev.tracebridge.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.tracebridge.core.health.RootServerSpan;
import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.TraceId;
import java.nio.ByteBuffer;
import java.util.Objects;

/** {@code SELECT ... FROM root_spans}: one method, path and ten minutes, in a time range, earliest first. */
final class SelectRootSpans {
  static final String CQL = "SELECT start_nanos, trace_id, span_id, service, path, end_nanos, session_id FROM %s."
      + Schema.ROOT_SPANS + " WHERE method = ? AND path_pattern = ? AND bucket = ? AND start_nanos >= ?"
      + " AND start_nanos <= ? LIMIT ?";

  private SelectRootSpans() {}

  static RootServerSpan read(String method, String pathPattern, Row row) {
    ByteBuffer traceId = Objects.requireNonNull(row.getByteBuffer(1), "trace_id");
    String session = row.getString(6);
    return new RootServerSpan(TraceId.fromBytes(VerdictColumns.bytes(traceId)), SpanId.of(row.getLong(2)),
        String.valueOf(row.getString(3)), method, pathPattern, String.valueOf(row.getString(4)), row.getLong(0),
        row.getLong(5), session == null ? "" : session);
  }

  /** Prepares the statement once per session and binds reads to it. */
  static final class Factory {
    private final PreparedStatement statement;

    Factory(CqlSession session, String keyspace) {
      this.statement = session.prepare(CQL.formatted(keyspace));
    }

    BoundStatement bucket(String method, String pathPattern, long bucket, long fromNanos, long toNanos, int limit) {
      return statement.boundStatementBuilder().setString(0, method).setString(1, pathPattern).setLong(2, bucket)
          .setLong(3, fromNanos).setLong(4, toNanos).setInt(5, limit).setIdempotence(true).build();
    }
  }
}
