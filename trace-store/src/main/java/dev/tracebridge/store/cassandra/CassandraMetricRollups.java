package dev.tracebridge.store.cassandra;

import static java.util.Objects.requireNonNull;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import dev.tracebridge.core.search.MetricRollup;
import dev.tracebridge.core.search.MetricRollups;
import dev.tracebridge.core.search.RollupQuery;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link MetricRollups} in Cassandra's metric_rollups table, one partition per minute, sharing the
 * {@link CassandraTraceStore}'s session (closing this closes nothing).
 *
 * <p>Writing a minute replaces it: one single-partition batch holds a partition delete at timestamp T
 * and the minute's rows at T+1. Cassandra applies a single-partition batch as one mutation, so readers
 * see the old minute or the new one, never a mix; a row the new pass no longer has is gone; and of two
 * passes over the same minute (a restart, two engine nodes) the later timestamp wins whole, since its
 * delete also covers the other's rows (a tombstone wins a timestamp tie). With explicit timestamps a
 * retried batch is idempotent. Reads never fail on a damaged row: it is skipped and logged.
 */
public final class CassandraMetricRollups implements MetricRollups {
  /**
   * A minute's batch is split above this many bytes so that no mutation nears Cassandra's limit (half
   * a 32 MiB commit log segment). A minute holds at most ~2,000 keys (the rollup pass folds the rest),
   * typically well under 1 MiB, so it is one batch in practice; split parts carry the same timestamps.
   */
  static final int MAX_BATCH_BYTES = 4 * 1024 * 1024;
  /** Minutes read at once: a day's query is 1,440 partition reads, spread over time rather than at once. */
  static final int PARALLEL_READS = 16;
  private static final long NANOS_PER_MICRO = 1_000;
  private static final long MICROS_PER_SECOND = 1_000_000;

  private static final System.Logger LOG = System.getLogger(CassandraMetricRollups.class.getName());

  private final CqlSession session;
  private final Clock clock;
  private final InsertRollup.Factory insert;
  private final DeleteRollupMinute.Factory delete;
  private final SelectRollups.Factory select;
  /** The last delete timestamp used: each write's is at least two above it, so writes never interleave. */
  private final AtomicLong lastTimestamp = new AtomicLong();

  CassandraMetricRollups(CqlSession session, CassandraStoreConfig config, Clock clock) {
    this.session = session;
    this.clock = clock;
    String keyspace = config.keyspace();
    this.insert = new InsertRollup.Factory(session, keyspace, Math.toIntExact(config.retention().toSeconds()));
    this.delete = new DeleteRollupMinute.Factory(session, keyspace);
    this.select = new SelectRollups.Factory(session, keyspace);
  }

  /** The rollups in the keyspace of {@code traces}, on its session, kept as long as its traces. */
  public static CassandraMetricRollups of(CassandraTraceStore traces) {
    requireNonNull(traces, "traces");
    return new CassandraMetricRollups(traces.session(), traces.config(), Clock.systemUTC());
  }

  /** Replaces each minute the rollups name with exactly these rows; see the class comment. */
  @Override
  public CompletionStage<Void> write(List<MetricRollup> rollups) {
    requireNonNull(rollups, "rollups");
    Map<Long, List<MetricRollup>> byMinute = new TreeMap<>();
    for (MetricRollup rollup : rollups) {
      byMinute.computeIfAbsent(rollup.epochMinute(), m -> new ArrayList<>()).add(rollup);
    }
    List<CompletableFuture<?>> writes = new ArrayList<>();
    byMinute.forEach((minute, rows) -> {
      for (BatchStatement batch : minuteBatches(minute, rows, nextTimestamp())) {
        writes.add(session.executeAsync(batch).toCompletableFuture());
      }
    });
    return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
  }

  @Override
  public CompletionStage<List<MetricRollup>> read(RollupQuery query) {
    requireNonNull(query, "query");
    List<String> leading = SelectRollups.leadingDimensions(query);
    List<MetricRollup> rows = new ArrayList<>();
    return readMinutes(query, leading, query.fromEpochMinute(), rows).thenApply(done -> {
      synchronized (rows) {
        // The in-memory rollups' order: minute, then the key's text.
        rows.sort(Comparator.comparingLong(MetricRollup::epochMinute).thenComparing(r -> r.key().toString()));
        return List.copyOf(rows);
      }
    });
  }

  /** The delete and the rows of one minute: one batch unless it would exceed {@link #MAX_BATCH_BYTES}. */
  List<BatchStatement> minuteBatches(long minute, List<MetricRollup> rows, long deleteTimestamp) {
    List<BatchStatement> batches = new ArrayList<>();
    List<BatchableStatement<?>> current = new ArrayList<>();
    current.add(delete.minute(minute, deleteTimestamp));
    long bytes = 0;
    for (MetricRollup row : rows) {
      int size = InsertRollup.estimatedBytes(row);
      if (!current.isEmpty() && bytes + size > MAX_BATCH_BYTES) {
        batches.add(batch(current));
        current = new ArrayList<>();
        bytes = 0;
      }
      current.add(insert.rollup(row, deleteTimestamp + 1));
      bytes += size;
    }
    batches.add(batch(current));
    return batches;
  }

  private static BatchStatement batch(List<BatchableStatement<?>> statements) {
    return BatchStatement.newInstance(DefaultBatchType.UNLOGGED, statements).setIdempotent(true);
  }

  /** Reads {@link #PARALLEL_READS} minutes at a time, from {@code from} to the query's end. */
  private CompletionStage<Void> readMinutes(RollupQuery query, List<String> leading, long from,
      List<MetricRollup> rows) {
    if (from >= query.toEpochMinute()) return CompletableFuture.completedFuture(null);
    long to = Math.min(query.toEpochMinute(), from + PARALLEL_READS);
    List<CompletableFuture<Void>> reads = new ArrayList<>();
    for (long minute = from; minute < to; minute++) {
      long epochMinute = minute;
      reads.add(ResultPages.forEach(session, select.minute(epochMinute, leading), row -> {
        MetricRollup rollup;
        try {
          rollup = SelectRollups.read(epochMinute, row);
        } catch (IllegalArgumentException | NullPointerException e) {
          LOG.log(System.Logger.Level.WARNING, "Skipped an unreadable rollup of minute " + epochMinute + ": "
              + e.getMessage());
          return;
        }
        if (!query.matches(rollup.key())) return;
        synchronized (rows) {
          rows.add(rollup);
        }
      }).toCompletableFuture());
    }
    return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
        .thenCompose(done -> readMinutes(query, leading, to, rows));
  }

  /** Microseconds since the epoch, at least two above the last one handed out. */
  private long nextTimestamp() {
    Instant now = clock.instant();
    long micros = now.getEpochSecond() * MICROS_PER_SECOND + now.getNano() / NANOS_PER_MICRO;
    return lastTimestamp.updateAndGet(last -> Math.max(micros, last + 2));
  }
}
