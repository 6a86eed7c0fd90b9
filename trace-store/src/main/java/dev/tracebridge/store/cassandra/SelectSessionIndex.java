package dev.tracebridge.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;

/** {@code SELECT ... FROM traces_by_session}: the traces of one RUM session. */
final class SelectSessionIndex {
  static final String CQL = "SELECT trace_key, start_nanos FROM %s." + Schema.TRACES_BY_SESSION
      + " WHERE app_id = ? AND session_id = ? LIMIT ?";

  private SelectSessionIndex() {}

  /** Prepares the statement once per session and binds searches to it. */
  static final class Factory {
    private final PreparedStatement statement;

    Factory(CqlSession session, String keyspace) {
      this.statement = session.prepare(CQL.formatted(keyspace));
    }

    BoundStatement session(String appId, String sessionId, int limit) {
      return statement.boundStatementBuilder().setString(0, appId).setString(1, sessionId).setInt(2, limit)
          .setIdempotence(true).build();
    }
  }
}
