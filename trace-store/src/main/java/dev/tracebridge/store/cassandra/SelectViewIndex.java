package dev.tracebridge.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;

/** {@code SELECT ... FROM traces_by_view}: the traces of one RUM view. */
final class SelectViewIndex {
  static final String CQL = "SELECT trace_key, start_nanos FROM %s." + Schema.TRACES_BY_VIEW
      + " WHERE app_id = ? AND view_id = ? LIMIT ?";

  private SelectViewIndex() {}

  /** Prepares the statement once per session and binds searches to it. */
  static final class Factory {
    private final PreparedStatement statement;

    Factory(CqlSession session, String keyspace) {
      this.statement = session.prepare(CQL.formatted(keyspace));
    }

    BoundStatement view(String appId, String viewId, int limit) {
      return statement.boundStatementBuilder().setString(0, appId).setString(1, viewId).setInt(2, limit)
          .setIdempotence(true).build();
    }
  }
}
