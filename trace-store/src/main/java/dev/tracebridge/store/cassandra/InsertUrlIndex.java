package dev.tracebridge.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import dev.tracebridge.core.model.TraceKey;

/** {@code INSERT INTO traces_by_url}: one browser request of a trace, by its URL pattern. */
final class InsertUrlIndex {
  static final String CQL = "INSERT INTO %s." + Schema.TRACES_BY_URL
      + " (app_id, url_pattern, bucket, start_nanos, trace_key, duration_nanos, status_code)"
      + " VALUES (?, ?, ?, ?, ?, ?, ?) USING TTL ?";

  private InsertUrlIndex() {}

  /** Prepares the statement once per session and binds entries to it. */
  static final class Factory {
    private final PreparedStatement statement;
    private final int ttlSeconds;

    Factory(CqlSession session, String keyspace, int ttlSeconds) {
      this.statement = session.prepare(CQL.formatted(keyspace));
      this.ttlSeconds = ttlSeconds;
    }

    BoundStatement entry(TraceKey key, TraceIndexEntries.Url entry) {
      return statement.boundStatementBuilder()
          .setString(0, entry.appId())
          .setString(1, entry.pattern())
          .setInt(2, Schema.bucket(entry.startNanos()))
          .setLong(3, entry.startNanos())
          .setLong(4, key.value())
          .setLong(5, entry.durationNanos())
          .setInt(6, entry.statusCode())
          .setInt(7, ttlSeconds)
          .setIdempotence(true)
          .build();
    }
  }
}
