package dev.tracebridge.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;

/** {@code INSERT INTO services_by_day}: one service and operation seen on a day. */
final class InsertServiceOperation {
  static final String CQL = "INSERT INTO %s." + Schema.SERVICES_BY_DAY
      + " (day, service, operation) VALUES (?, ?, ?) USING TTL ?";

  private InsertServiceOperation() {}

  /** Prepares the statement once per session and binds entries to it. */
  static final class Factory {
    private final PreparedStatement statement;
    private final int ttlSeconds;

    Factory(CqlSession session, String keyspace, int ttlSeconds) {
      this.statement = session.prepare(CQL.formatted(keyspace));
      this.ttlSeconds = ttlSeconds;
    }

    BoundStatement entry(ServiceCatalog.Entry entry) {
      return statement.boundStatementBuilder()
          .setInt(0, entry.day())
          .setString(1, entry.service())
          .setString(2, entry.operation())
          .setInt(3, ttlSeconds)
          .setIdempotence(true)
          .build();
    }
  }
}
