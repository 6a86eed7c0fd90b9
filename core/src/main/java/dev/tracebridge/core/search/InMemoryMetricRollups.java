package dev.tracebridge.core.search;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Rollups in the JVM's heap, for tests and the engine's {@code memory} mode: neither durable nor shared
 * between nodes. Minutes older than the retention before the newest one written are dropped, which
 * bounds the heap by the retention times the rollup pass's own bound on keys per minute.
 */
public final class InMemoryMetricRollups implements MetricRollups {
  /** A week of minutes, the engine's default trace retention. */
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);

  private final long retentionMinutes;
  private final ConcurrentSkipListMap<Long, Map<RollupKey, MetricRollup>> minutes = new ConcurrentSkipListMap<>();

  public InMemoryMetricRollups() {
    this(DEFAULT_RETENTION);
  }

  public InMemoryMetricRollups(Duration retention) {
    requireNonNull(retention, "retention");
    if (retention.toMinutes() < 1) {
      throw new IllegalArgumentException("retention: " + retention + " (expected: at least a minute)");
    }
    this.retentionMinutes = retention.toMinutes();
  }

  @Override
  public CompletionStage<Void> write(List<MetricRollup> rollups) {
    requireNonNull(rollups, "rollups");
    for (MetricRollup rollup : rollups) {
      minutes.computeIfAbsent(rollup.epochMinute(), m -> new ConcurrentHashMap<>()).put(rollup.key(), rollup);
    }
    if (!minutes.isEmpty()) minutes.headMap(minutes.lastKey() - retentionMinutes).clear();
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletionStage<List<MetricRollup>> read(RollupQuery query) {
    requireNonNull(query, "query");
    List<MetricRollup> rows = new ArrayList<>();
    for (Map<RollupKey, MetricRollup> minute
        : minutes.subMap(query.fromEpochMinute(), query.toEpochMinute()).values()) {
      for (MetricRollup rollup : minute.values()) {
        if (query.matches(rollup.key())) rows.add(rollup);
      }
    }
    rows.sort(Comparator.comparingLong(MetricRollup::epochMinute)
        .thenComparing(r -> r.key().toString()));
    return CompletableFuture.completedFuture(rows);
  }
}
