package dev.tracebridge.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import dev.tracebridge.core.model.TraceKey;

/** {@code INSERT INTO traces_by_service}: one service of one trace write. */
final class InsertServiceIndex {
  static final String CQL = "INSERT INTO %s." + Schema.TRACES_BY_SERVICE
      + " (service, bucket, shard, start_nanos, trace_key, duration_nanos, error, operations, http_statuses)"
      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) USING TTL ?";

  private InsertServiceIndex() {}

  /** Prepares the statement once per session and binds entries to it. */
  static final class Factory {
    private final PreparedStatement statement;
    private final int ttlSeconds;

    Factory(CqlSession session, String keyspace, int ttlSeconds) {
      this.statement = session.prepare(CQL.formatted(keyspace));
      this.ttlSeconds = ttlSeconds;
    }

    /** @param shard the export's shard (see CassandraTraceStore#writeAll): its rows share partitions */
    BoundStatement entry(TraceKey key, byte shard, TraceIndexEntries.Service entry) {
      return statement.boundStatementBuilder()
          .setString(0, entry.service())
          .setInt(1, Schema.bucket(entry.startNanos()))
          .setByte(2, shard)
          .setLong(3, entry.startNanos())
          .setLong(4, key.value())
          .setLong(5, entry.maxDurationNanos())
          .setBoolean(6, entry.error())
          .setSet(7, entry.operations(), String.class)
          .setSet(8, entry.httpStatuses(), Integer.class)
          .setInt(9, ttlSeconds)
          .setIdempotence(true)
          .build();
    }
  }
}
