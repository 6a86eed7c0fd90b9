package dev.tracebridge.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.tracebridge.core.health.PendingCheck;
import dev.tracebridge.core.model.TraceKey;

/** {@code SELECT ... FROM pending_checks}: one shard of one arrival minute. */
final class SelectPendingChecks {
  static final String CQL = "SELECT app_id, event_id, trace_key, received_nanos FROM %s." + Schema.PENDING_CHECKS
      + " WHERE bucket = ? AND shard = ?";

  private SelectPendingChecks() {}

  static PendingCheck read(Row row) {
    return new PendingCheck(row.getString(0), row.getString(1), new TraceKey(row.getLong(2)), row.getLong(3));
  }

  /** Prepares the statement once per session and binds reads to it. */
  static final class Factory {
    private final PreparedStatement statement;

    Factory(CqlSession session, String keyspace) {
      this.statement = session.prepare(CQL.formatted(keyspace));
    }

    BoundStatement shard(long bucket, int shard) {
      return statement.boundStatementBuilder().setLong(0, bucket).setByte(1, (byte) shard).setIdempotence(true)
          .build();
    }
  }
}
