package dev.tracebridge.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;

/** {@code SELECT ... FROM traces_by_minute}: one shard of one minute, newest first. */
final class SelectMinuteIndex {
  static final String CQL = "SELECT trace_key, start_nanos, trace_id_high FROM %s." + Schema.TRACES_BY_MINUTE
      + " WHERE epoch_minute = ? AND shard = ? LIMIT ?";

  private SelectMinuteIndex() {}

  /** Prepares the statement once per session and binds reads to it. */
  static final class Factory {
    private final PreparedStatement statement;

    Factory(CqlSession session, String keyspace) {
      this.statement = session.prepare(CQL.formatted(keyspace));
    }

    BoundStatement shard(long epochMinute, int shard, int limit) {
      return statement.boundStatementBuilder().setLong(0, epochMinute).setByte(1, (byte) shard)
          .setInt(2, limit).setIdempotence(true).build();
    }
  }
}
