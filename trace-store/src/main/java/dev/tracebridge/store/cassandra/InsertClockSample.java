package dev.tracebridge.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import dev.tracebridge.core.health.ClockSample;

/** {@code INSERT INTO clock_samples}: the offset bounds one linked request gives a session and a service. */
final class InsertClockSample {
  static final String CQL = "INSERT INTO %s." + Schema.CLOCK_SAMPLES
      + " (app_id, session_id, service, event_id, low_nanos, high_nanos) VALUES (?, ?, ?, ?, ?, ?) USING TTL ?";

  private InsertClockSample() {}

  /** Prepares the statement once per session and binds samples to it. */
  static final class Factory {
    private final PreparedStatement statement;
    private final int ttlSeconds;

    Factory(CqlSession session, String keyspace, int ttlSeconds) {
      this.statement = session.prepare(CQL.formatted(keyspace));
      this.ttlSeconds = ttlSeconds;
    }

    BoundStatement sample(ClockSample sample) {
      return statement.boundStatementBuilder()
          .setString(0, sample.appId())
          .setString(1, sample.sessionId())
          .setString(2, sample.service())
          .setString(3, sample.eventId())
          .setLong(4, sample.lowNanos())
          .setLong(5, sample.highNanos())
          .setInt(6, ttlSeconds)
          .setIdempotence(true)
          .build();
    }
  }
}
