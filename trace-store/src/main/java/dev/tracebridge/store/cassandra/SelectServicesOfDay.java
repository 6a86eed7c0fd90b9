package dev.tracebridge.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;

/**
 * {@code SELECT service FROM services_by_day WHERE day = ? GROUP BY service}: a day holds a row per service
 * and operation; grouping by the first clustering column makes Cassandra answer one row per service.
 */
final class SelectServicesOfDay {
  static final String CQL = "SELECT service FROM %s." + Schema.SERVICES_BY_DAY + " WHERE day = ? GROUP BY service";

  private SelectServicesOfDay() {}

  /** Prepares the statement once per session and binds days to it. */
  static final class Factory {
    private final PreparedStatement statement;

    Factory(CqlSession session, String keyspace) {
      this.statement = session.prepare(CQL.formatted(keyspace));
    }

    BoundStatement day(int day) {
      return statement.boundStatementBuilder().setInt(0, day).setIdempotence(true).build();
    }
  }
}
