package dev.tracebridge.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;

/** {@code SELECT ... FROM checker_progress}: how far a checker has got. */
final class SelectCheckerProgress {
  static final String CQL = "SELECT bucket FROM %s." + Schema.CHECKER_PROGRESS + " WHERE name = ?";

  private SelectCheckerProgress() {}

  /** Prepares the statement once per session and binds reads to it. */
  static final class Factory {
    private final PreparedStatement statement;

    Factory(CqlSession session, String keyspace) {
      this.statement = session.prepare(CQL.formatted(keyspace));
    }

    BoundStatement progress(String name) {
      return statement.boundStatementBuilder().setString(0, name).setIdempotence(true).build();
    }
  }
}
