package dev.tracebridge.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.model.TraceKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The traces_by_minute rows: one per trace write, in the minute its earliest row started, so that the
 * rollup pass can list a minute's traces without knowing their services or URLs. The rows of one export
 * share a shard, so they cost one batch per minute and export (about 0.005 mutations per span in
 * 200-span exports), and the listing reads every shard.
 */
final class MinuteIndex {
  private final CqlSession session;
  private final InsertMinuteIndex.Factory insert;
  private final SelectMinuteIndex.Factory select;

  MinuteIndex(CqlSession session, String keyspace, int ttlSeconds) {
    this.session = session;
    this.insert = new InsertMinuteIndex.Factory(session, keyspace, ttlSeconds);
    this.select = new SelectMinuteIndex.Factory(session, keyspace);
  }

  BoundStatement entry(TraceKey key, byte shard, TraceIndexEntries.Started started) {
    return insert.entry(key, shard, started);
  }

  /**
   * Reads the minute's shards in parallel, each up to one row more than {@code maxTraces}, so the newest
   * {@code maxTraces} distinct traces are exact whichever shards they are in.
   */
  CompletionStage<StartedTraces> startedIn(long epochMinute, int maxTraces) {
    Map<Long, Listed> byKey = new HashMap<>();
    AtomicBoolean truncated = new AtomicBoolean();
    List<CompletableFuture<Void>> reads = new ArrayList<>(Schema.MINUTE_SHARDS);
    for (int shard = 0; shard < Schema.MINUTE_SHARDS; shard++) {
      int[] rows = new int[1];
      reads.add(ResultPages.forEach(session, select.shard(epochMinute, shard, maxTraces + 1), row -> {
        rows[0]++;
        if (rows[0] > maxTraces) truncated.set(true);
        Listed listed = Listed.of(row);
        synchronized (byKey) {
          byKey.merge(listed.key(), listed, Listed::merge);
        }
      }).toCompletableFuture());
    }
    return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(done -> {
      List<Listed> newestFirst;
      synchronized (byKey) {
        newestFirst = new ArrayList<>(byKey.values());
      }
      newestFirst.sort(Comparator.comparingLong(Listed::startNanos).reversed().thenComparingLong(Listed::key));
      boolean complete = !truncated.get() && newestFirst.size() <= maxTraces;
      List<TraceId> ids = newestFirst.stream().limit(maxTraces)
          .filter(l -> l.high() != 0 || l.key() != 0)
          .map(l -> TraceId.of(l.high(), l.key())).toList();
      return new StartedTraces(ids, complete);
    });
  }

  /** One trace as the minute's rows know it: its newest write there, and its full id if any write knew it. */
  private record Listed(long key, long startNanos, long high) {
    static Listed of(Row row) {
      return new Listed(row.getLong(0), row.getLong(1), row.getLong(2));
    }

    Listed merge(Listed other) {
      return new Listed(key, Math.max(startNanos, other.startNanos), high != 0 ? high : other.high);
    }
  }
}
