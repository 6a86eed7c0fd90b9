package dev.tracebridge.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import dev.tracebridge.core.model.TraceKey;

/** {@code INSERT INTO traces_by_view}: a trace a RUM view took part in. */
final class InsertViewIndex {
  static final String CQL = "INSERT INTO %s." + Schema.TRACES_BY_VIEW
      + " (app_id, view_id, trace_key, start_nanos) VALUES (?, ?, ?, ?) USING TTL ?";

  private InsertViewIndex() {}

  /** Prepares the statement once per session and binds entries to it. */
  static final class Factory {
    private final PreparedStatement statement;
    private final int ttlSeconds;

    Factory(CqlSession session, String keyspace, int ttlSeconds) {
      this.statement = session.prepare(CQL.formatted(keyspace));
      this.ttlSeconds = ttlSeconds;
    }

    BoundStatement entry(TraceKey key, TraceIndexEntries.View entry) {
      return statement.boundStatementBuilder()
          .setString(0, entry.appId())
          .setString(1, entry.viewId())
          .setLong(2, key.value())
          .setLong(3, entry.startNanos())
          .setInt(4, ttlSeconds)
          .setIdempotence(true)
          .build();
    }
  }
}
