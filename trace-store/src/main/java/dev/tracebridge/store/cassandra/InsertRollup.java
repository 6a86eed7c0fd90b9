package dev.tracebridge.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import dev.tracebridge.core.search.LatencyHistogram;
import dev.tracebridge.core.search.MetricRollup;
import dev.tracebridge.core.search.RollupKey;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code INSERT INTO metric_rollups}: one key of one minute, at an explicit timestamp (see
 * {@link CassandraMetricRollups}). A histogram that measured nothing is not bound at all: an unset
 * column writes nothing, where a null or an empty collection would write a tombstone.
 */
final class InsertRollup {
  static final String CQL = "INSERT INTO %s." + Schema.METRIC_ROLLUPS
      + " (epoch_minute, app_id, view_route, url_pattern, service, operation, request_count, error_count,"
      + " total_buckets, total_min, total_max, network_buckets, network_min, network_max,"
      + " backend_buckets, backend_min, backend_max, complete)"
      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) USING TIMESTAMP ? AND TTL ?";
  /** Bind index of total_buckets; network and backend follow it, three columns each. */
  private static final int FIRST_HISTOGRAM = 8;
  private static final int COLUMNS_PER_HISTOGRAM = 3;
  private static final int COMPLETE = 17;
  private static final int TIMESTAMP = 18;
  private static final int TTL = 19;
  /** A map entry: a 2-byte key and an 8-byte count, each with a 4-byte length. */
  private static final int BYTES_PER_BUCKET = 18;
  /** Counts, minima, maxima, flags and per-cell overhead. */
  private static final int FIXED_ROW_BYTES = 200;

  private InsertRollup() {}

  /** Prepares the statement once per session and binds rollups to it. */
  static final class Factory {
    private final PreparedStatement statement;
    private final int ttlSeconds;

    Factory(CqlSession session, String keyspace, int ttlSeconds) {
      this.statement = session.prepare(CQL.formatted(keyspace));
      this.ttlSeconds = ttlSeconds;
    }

    BoundStatement rollup(MetricRollup rollup, long timestampMicros) {
      RollupKey key = rollup.key();
      BoundStatementBuilder row = statement.boundStatementBuilder()
          .setLong(0, rollup.epochMinute())
          .setString(1, key.appId())
          .setString(2, key.viewRoute())
          .setString(3, key.urlPattern())
          .setString(4, key.service())
          .setString(5, key.operation())
          .setLong(6, rollup.count())
          .setLong(7, rollup.errors())
          .setBoolean(COMPLETE, rollup.complete())
          .setLong(TIMESTAMP, timestampMicros)
          .setInt(TTL, ttlSeconds)
          .setIdempotence(true);
      bindHistogram(row, FIRST_HISTOGRAM, rollup.total());
      bindHistogram(row, FIRST_HISTOGRAM + COLUMNS_PER_HISTOGRAM, rollup.network());
      bindHistogram(row, FIRST_HISTOGRAM + 2 * COLUMNS_PER_HISTOGRAM, rollup.backend());
      return row.build();
    }

    private static void bindHistogram(BoundStatementBuilder row, int first, LatencyHistogram histogram) {
      if (histogram.count() == 0) return;
      Map<Short, Long> buckets = new LinkedHashMap<>();
      histogram.bucketCounts().forEach((bucket, count) -> buckets.put(bucket.shortValue(), count));
      row.setMap(first, buckets, Short.class, Long.class)
          .setLong(first + 1, histogram.minNanos())
          .setLong(first + 2, histogram.maxNanos());
    }
  }

  /** A rough size of a row's values, to keep a minute's batch below Cassandra's mutation limit. */
  static int estimatedBytes(MetricRollup rollup) {
    RollupKey key = rollup.key();
    int strings = key.appId().length() + key.viewRoute().length() + key.urlPattern().length()
        + key.service().length() + key.operation().length();
    int buckets = rollup.total().bucketCounts().size() + rollup.network().bucketCounts().size()
        + rollup.backend().bucketCounts().size();
    return 2 * strings + BYTES_PER_BUCKET * buckets + FIXED_ROW_BYTES;
  }
}
