package dev.tracebridge.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;

/**
 * {@code INSERT INTO linked_origins}: a request of the app to the origin was linked. The write timestamp
 * is the link time (in microseconds, Cassandra's unit), so the latest link wins whatever the order in
 * which nodes write: no read before the write, no transaction.
 */
final class InsertLinkedOrigin {
  static final String CQL = "INSERT INTO %s." + Schema.LINKED_ORIGINS
      + " (app_id, origin, linked_nanos) VALUES (?, ?, ?) USING TTL ? AND TIMESTAMP ?";
  private static final long NANOS_PER_MICRO = 1_000;

  private InsertLinkedOrigin() {}

  /** Prepares the statement once per session and binds links to it. */
  static final class Factory {
    private final PreparedStatement statement;
    private final int ttlSeconds;

    Factory(CqlSession session, String keyspace, int ttlSeconds) {
      this.statement = session.prepare(CQL.formatted(keyspace));
      this.ttlSeconds = ttlSeconds;
    }

    BoundStatement linked(String appId, String origin, long linkedAtNanos) {
      return statement.boundStatementBuilder()
          .setString(0, appId)
          .setString(1, origin)
          .setLong(2, linkedAtNanos)
          .setInt(3, ttlSeconds)
          .setLong(4, Math.floorDiv(linkedAtNanos, NANOS_PER_MICRO))
          .setIdempotence(true)
          .build();
    }
  }
}
