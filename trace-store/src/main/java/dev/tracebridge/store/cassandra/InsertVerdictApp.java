package dev.tracebridge.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;

/** {@code INSERT INTO verdict_apps}: the app has decided verdicts in the hour. */
final class InsertVerdictApp {
  static final String CQL = "INSERT INTO %s." + Schema.VERDICT_APPS + " (hour, app_id) VALUES (?, ?) USING TTL ?";

  private InsertVerdictApp() {}

  /** Prepares the statement once per session and binds app hours to it. */
  static final class Factory {
    private final PreparedStatement statement;
    private final int ttlSeconds;

    Factory(CqlSession session, String keyspace, int ttlSeconds) {
      this.statement = session.prepare(CQL.formatted(keyspace));
      this.ttlSeconds = ttlSeconds;
    }

    BoundStatement app(long hour, String appId) {
      return statement.boundStatementBuilder()
          .setLong(0, hour)
          .setString(1, appId)
          .setInt(2, ttlSeconds)
          .setIdempotence(true)
          .build();
    }
  }
}
