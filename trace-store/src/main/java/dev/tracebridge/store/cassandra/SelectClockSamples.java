package dev.tracebridge.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;

/** {@code SELECT ... FROM clock_samples}: every sample of one browser session. */
final class SelectClockSamples {
  static final String CQL = "SELECT service, event_id, low_nanos, high_nanos FROM %s." + Schema.CLOCK_SAMPLES
      + " WHERE app_id = ? AND session_id = ?";

  private SelectClockSamples() {}

  /** Prepares the statement once per session and binds reads to it. */
  static final class Factory {
    private final PreparedStatement statement;

    Factory(CqlSession session, String keyspace) {
      this.statement = session.prepare(CQL.formatted(keyspace));
    }

    BoundStatement session(String appId, String sessionId) {
      return statement.boundStatementBuilder().setString(0, appId).setString(1, sessionId).setIdempotence(true)
          .build();
    }
  }
}
