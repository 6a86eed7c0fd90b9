package dev.tracebridge.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;

/** {@code SELECT ... FROM linked_origins}: when a request of the app to the origin was last linked. */
final class SelectLinkedOrigin {
  static final String CQL = "SELECT linked_nanos FROM %s." + Schema.LINKED_ORIGINS + " WHERE app_id = ? AND origin = ?";

  private SelectLinkedOrigin() {}

  /** Prepares the statement once per session and binds reads to it. */
  static final class Factory {
    private final PreparedStatement statement;

    Factory(CqlSession session, String keyspace) {
      this.statement = session.prepare(CQL.formatted(keyspace));
    }

    BoundStatement origin(String appId, String origin) {
      return statement.boundStatementBuilder().setString(0, appId).setString(1, origin).setIdempotence(true).build();
    }
  }
}
