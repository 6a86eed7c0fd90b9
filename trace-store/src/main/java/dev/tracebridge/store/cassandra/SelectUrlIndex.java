package dev.tracebridge.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;

/** {@code SELECT ... FROM traces_by_url}: one URL pattern hour, newest first, in a time range. */
final class SelectUrlIndex {
  static final String CQL = "SELECT trace_key, start_nanos FROM %s." + Schema.TRACES_BY_URL
      + " WHERE app_id = ? AND url_pattern = ? AND bucket = ? AND start_nanos >= ? AND start_nanos <= ? LIMIT ?";

  private SelectUrlIndex() {}

  /** Prepares the statement once per session and binds searches to it. */
  static final class Factory {
    private final PreparedStatement statement;

    Factory(CqlSession session, String keyspace) {
      this.statement = session.prepare(CQL.formatted(keyspace));
    }

    BoundStatement hour(String appId, String pattern, int bucket, long fromNanos, long toNanos, int limit) {
      return statement.boundStatementBuilder().setString(0, appId).setString(1, pattern).setInt(2, bucket)
          .setLong(3, fromNanos).setLong(4, toNanos).setInt(5, limit).setIdempotence(true).build();
    }
  }
}
