package dev.tracebridge.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;

/**
 * {@code DELETE FROM metric_rollups USING TIMESTAMP ? WHERE epoch_minute = ?}: clears a minute before a
 * pass writes it again, at a timestamp just below the new rows' so that they survive it.
 */
final class DeleteRollupMinute {
  static final String CQL = "DELETE FROM %s." + Schema.METRIC_ROLLUPS + " USING TIMESTAMP ? WHERE epoch_minute = ?";

  private DeleteRollupMinute() {}

  /** Prepares the statement once per session and binds minutes to it. */
  static final class Factory {
    private final PreparedStatement statement;

    Factory(CqlSession session, String keyspace) {
      this.statement = session.prepare(CQL.formatted(keyspace));
    }

    BoundStatement minute(long epochMinute, long timestampMicros) {
      return statement.boundStatementBuilder().setLong(0, timestampMicros).setLong(1, epochMinute)
          .setIdempotence(true).build();
    }
  }
}
