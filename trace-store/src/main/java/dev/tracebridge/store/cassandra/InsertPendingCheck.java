package dev.tracebridge.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import dev.tracebridge.core.health.PendingCheck;

/** {@code INSERT INTO pending_checks}: a traced resource to decide once its grace period has passed. */
final class InsertPendingCheck {
  static final String CQL = "INSERT INTO %s." + Schema.PENDING_CHECKS
      + " (bucket, shard, app_id, event_id, trace_key, received_nanos) VALUES (?, ?, ?, ?, ?, ?) USING TTL ?";

  private InsertPendingCheck() {}

  /**
   * The shard of the checks of a RUM batch, from its first resource's event id: String.hashCode is fixed by
   * the Java spec, so every engine, and a re-delivery of the batch, picks the same.
   */
  static byte shard(String eventId) {
    return (byte) Math.floorMod(eventId.hashCode(), Schema.CHECK_SHARDS);
  }

  /** Prepares the statement once per session and binds checks to it. */
  static final class Factory {
    private final PreparedStatement statement;
    private final int ttlSeconds;

    Factory(CqlSession session, String keyspace, int ttlSeconds) {
      this.statement = session.prepare(CQL.formatted(keyspace));
      this.ttlSeconds = ttlSeconds;
    }

    BoundStatement check(PendingCheck check, byte shard) {
      return statement.boundStatementBuilder()
          .setLong(0, check.bucket())
          .setByte(1, shard)
          .setString(2, check.appId())
          .setString(3, check.eventId())
          .setLong(4, check.traceKey().value())
          .setLong(5, check.receivedAtNanos())
          .setInt(6, ttlSeconds)
          .setIdempotence(true)
          .build();
    }
  }
}
