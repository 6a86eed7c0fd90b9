package dev.tracebridge.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;

/** {@code SELECT operation FROM services_by_day WHERE day = ? AND service = ?}: one service's span names. */
final class SelectOperationsOfDay {
  static final String CQL = "SELECT operation FROM %s." + Schema.SERVICES_BY_DAY + " WHERE day = ? AND service = ?";

  private SelectOperationsOfDay() {}

  /** Prepares the statement once per session and binds reads to it. */
  static final class Factory {
    private final PreparedStatement statement;

    Factory(CqlSession session, String keyspace) {
      this.statement = session.prepare(CQL.formatted(keyspace));
    }

    BoundStatement service(int day, String service) {
      return statement.boundStatementBuilder().setInt(0, day).setString(1, service).setIdempotence(true).build();
    }
  }
}
