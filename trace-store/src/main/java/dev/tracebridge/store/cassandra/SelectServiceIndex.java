package dev.tracebridge.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;

/** {@code SELECT ... FROM traces_by_service}: one shard of one service hour, newest first, in a time range. */
final class SelectServiceIndex {
  static final String CQL = "SELECT trace_key, start_nanos, duration_nanos, error, operations, http_statuses"
      + " FROM %s." + Schema.TRACES_BY_SERVICE
      + " WHERE service = ? AND bucket = ? AND shard = ? AND start_nanos >= ? AND start_nanos <= ? LIMIT ?";

  private SelectServiceIndex() {}

  /** Prepares the statement once per session and binds searches to it. */
  static final class Factory {
    private final PreparedStatement statement;

    Factory(CqlSession session, String keyspace) {
      this.statement = session.prepare(CQL.formatted(keyspace));
    }

    BoundStatement shard(String service, int bucket, byte shard, long fromNanos, long toNanos, int limit) {
      return statement.boundStatementBuilder().setString(0, service).setInt(1, bucket).setByte(2, shard)
          .setLong(3, fromNanos).setLong(4, toNanos).setInt(5, limit).setIdempotence(true).build();
    }
  }
}
