package dev.tracebridge.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;

/** {@code SELECT ... FROM session_events}: one partition of a session timeline, in time order. */
final class SelectSessionEvents {
  static final String CQL = "SELECT event_id, document_version, payload FROM %s." + Schema.SESSION_EVENTS
      + " WHERE app_id = ? AND session_id = ? AND bucket = ?";

  private SelectSessionEvents() {}

  /** Prepares the statement once per session and binds partitions to it. */
  static final class Factory {
    private final PreparedStatement statement;

    Factory(CqlSession session, String keyspace) {
      this.statement = session.prepare(CQL.formatted(keyspace));
    }

    BoundStatement partition(SessionPartition partition) {
      return statement.boundStatementBuilder()
          .setString(0, partition.appId())
          .setString(1, partition.sessionId())
          .setInt(2, partition.bucket())
          .setIdempotence(true)
          .build();
    }
  }
}
