package dev.tracebridge.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import dev.tracebridge.core.model.TraceKey;

/** {@code INSERT INTO traces_by_minute}: the minute one trace write started in. */
final class InsertMinuteIndex {
  static final String CQL = "INSERT INTO %s." + Schema.TRACES_BY_MINUTE
      + " (epoch_minute, shard, start_nanos, trace_key, trace_id_high) VALUES (?, ?, ?, ?, ?) USING TTL ?";

  private InsertMinuteIndex() {}

  /** Prepares the statement once per session and binds entries to it. */
  static final class Factory {
    private final PreparedStatement statement;
    private final int ttlSeconds;

    Factory(CqlSession session, String keyspace, int ttlSeconds) {
      this.statement = session.prepare(CQL.formatted(keyspace));
      this.ttlSeconds = ttlSeconds;
    }

    /** @param shard the export's shard (see CassandraTraceStore#writeAll): its rows share a partition */
    BoundStatement entry(TraceKey key, byte shard, TraceIndexEntries.Started started) {
      return statement.boundStatementBuilder()
          .setLong(0, Schema.epochMinute(started.startNanos()))
          .setByte(1, shard)
          .setLong(2, started.startNanos())
          .setLong(3, key.value())
          .setLong(4, started.traceIdHigh())
          .setInt(5, ttlSeconds)
          .setIdempotence(true)
          .build();
    }
  }
}
