package dev.tracebridge.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.tracebridge.core.search.LatencyHistogram;
import dev.tracebridge.core.search.MetricRollup;
import dev.tracebridge.core.search.RollupKey;
import dev.tracebridge.core.search.RollupQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code SELECT ... FROM metric_rollups WHERE epoch_minute = ? [AND app_id = ? [AND view_route = ? ...]]}:
 * one minute, narrowed on the server by the leading dimensions the query gives (the clustering order is
 * app, view route, URL pattern, service, operation); the caller checks the other dimensions.
 */
final class SelectRollups {
  static final String COLUMNS = "app_id, view_route, url_pattern, service, operation, request_count, error_count,"
      + " total_buckets, total_min, total_max, network_buckets, network_min, network_max,"
      + " backend_buckets, backend_min, backend_max, complete";
  /** The clustering columns in order: a query may restrict any leading run of them. */
  static final List<String> DIMENSIONS = List.of("app_id", "view_route", "url_pattern", "service", "operation");
  private static final int FIRST_HISTOGRAM = 7;
  private static final int COLUMNS_PER_HISTOGRAM = 3;
  private static final int COMPLETE = 16;

  private SelectRollups() {}

  static String cql(String keyspace, int restricted) {
    StringBuilder cql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM ").append(keyspace).append('.')
        .append(Schema.METRIC_ROLLUPS).append(" WHERE epoch_minute = ?");
    for (int i = 0; i < restricted; i++) cql.append(" AND ").append(DIMENSIONS.get(i)).append(" = ?");
    return cql.toString();
  }

  /** The dimensions of {@code query} in clustering order, until the first one it leaves open. */
  static List<String> leadingDimensions(RollupQuery query) {
    List<String> given = new ArrayList<>();
    for (String value : new String[] {query.appId(), query.viewRoute(), query.urlPattern(), query.service(),
        query.operation()}) {
      if (value == null) break;
      given.add(value);
    }
    return given;
  }

  /**
   * The rollup a row holds.
   *
   * @throws IllegalArgumentException when the row holds values no rollup can have (a damaged row)
   */
  static MetricRollup read(long epochMinute, Row row) {
    RollupKey key = new RollupKey(row.getString(0), row.getString(1), row.getString(2), row.getString(3),
        row.getString(4));
    return new MetricRollup(key, epochMinute, row.getLong(5), row.getLong(6), histogram(row, FIRST_HISTOGRAM),
        histogram(row, FIRST_HISTOGRAM + COLUMNS_PER_HISTOGRAM),
        histogram(row, FIRST_HISTOGRAM + 2 * COLUMNS_PER_HISTOGRAM), row.getBoolean(COMPLETE));
  }

  private static LatencyHistogram histogram(Row row, int first) {
    if (row.isNull(first)) return LatencyHistogram.empty();
    Map<Integer, Long> buckets = new TreeMap<>();
    row.getMap(first, Short.class, Long.class).forEach((bucket, count) -> buckets.put(bucket.intValue(), count));
    return LatencyHistogram.fromBuckets(buckets, row.getLong(first + 1), row.getLong(first + 2));
  }

  /** Prepares one statement per number of restricted dimensions, once per session. */
  static final class Factory {
    private final List<PreparedStatement> byRestricted = new ArrayList<>();

    Factory(CqlSession session, String keyspace) {
      for (int restricted = 0; restricted <= DIMENSIONS.size(); restricted++) {
        byRestricted.add(session.prepare(cql(keyspace, restricted)));
      }
    }

    BoundStatement minute(long epochMinute, List<String> leadingDimensions) {
      BoundStatementBuilder read = byRestricted.get(leadingDimensions.size()).boundStatementBuilder()
          .setLong(0, epochMinute).setIdempotence(true);
      for (int i = 0; i < leadingDimensions.size(); i++) read.setString(i + 1, leadingDimensions.get(i));
      return read.build();
    }
  }
}
