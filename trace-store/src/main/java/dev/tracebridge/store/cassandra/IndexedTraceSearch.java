package dev.tracebridge.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.Statement;
import dev.tracebridge.core.model.TraceKey;
import dev.tracebridge.core.search.SearchMatcher;
import dev.tracebridge.core.search.SearchQuery;
import dev.tracebridge.core.search.SearchResult;
import dev.tracebridge.core.search.SearchUnsupportedException;
import dev.tracebridge.core.search.TraceSummary;
import dev.tracebridge.core.storage.TraceRecords;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Runs a {@link SearchQuery}: reads candidate trace keys from one index table (session, view, URL
 * pattern or service, in that order of preference: the smaller the partition the better), newest first,
 * then reads each candidate's trace partition and keeps those core's {@link SearchMatcher} accepts, until
 * the limit of distinct traces is reached. Both steps are bounded, and the result says when a bound cut
 * the search short. A query with none of those index criteria is refused (this store's limit, not a rule
 * of searching, so it lives here and not in {@link SearchQuery}).
 */
final class IndexedTraceSearch {
  /** Candidate traces read and checked per search: each is one partition read (~1 ms). */
  static final int MAX_CANDIDATES = 500;
  /** Index rows read per search; a busy service writes many rows per trace over many writes. */
  static final int MAX_INDEX_ROWS = 20_000;
  /** Candidate traces read at once: enough to hide latency, few enough not to crowd out ingest. */
  static final int PARALLEL_READS = 16;
  /** Spans dated up to a day ahead (skewed clocks) are still found; beyond that no hour is read. */
  static final Duration MAX_FUTURE_SKEW = Duration.ofDays(1);
  static final String NO_INDEX = "the Cassandra store searches by service, session, view or URL pattern;"
      + " give at least one of them (a time range alone would read every trace of the range)";

  private final CqlSession session;
  private final Indexes indexes;
  private final Function<TraceKey, CompletionStage<TraceRecords>> readTrace;
  private final Duration retention;
  private final Clock clock;

  IndexedTraceSearch(CqlSession session, Indexes indexes, Function<TraceKey, CompletionStage<TraceRecords>> readTrace,
      Duration retention, Clock clock) {
    this.session = session;
    this.indexes = indexes;
    this.readTrace = readTrace;
    this.retention = retention;
    this.clock = clock;
  }

  /** The prepared index reads a search uses. */
  record Indexes(SelectServiceIndex.Factory service, SelectSessionIndex.Factory session,
      SelectViewIndex.Factory view, SelectUrlIndex.Factory url) {}

  CompletionStage<SearchResult> search(SearchQuery query) {
    if (!query.hasIndexCriterion()) return CompletableFuture.failedFuture(new SearchUnsupportedException(NO_INDEX));
    Candidates candidates = new Candidates();
    return collect(query, candidates).thenCompose(done -> {
      List<TraceSummary> found = new ArrayList<>();
      return verify(query, candidates.ordered(), 0, found).thenApply(verified -> {
        found.sort(Comparator.comparingLong(TraceSummary::startEpochNanos).reversed()
            .thenComparing(s -> s.traceId().toHex()));
        boolean partial = candidates.truncated && found.size() < query.limit();
        return new SearchResult(found, partial);
      });
    });
  }

  private CompletionStage<Void> collect(SearchQuery query, Candidates candidates) {
    String app = query.appId();
    if (query.sessionId() != null && app != null) {
      return rows(indexes.session().session(app, query.sessionId(), MAX_CANDIDATES + 1))
          .thenAccept(rows -> candidates.addAll(newestFirst(rows)));
    }
    if (query.viewId() != null && app != null) {
      return rows(indexes.view().view(app, query.viewId(), MAX_CANDIDATES + 1))
          .thenAccept(rows -> candidates.addAll(newestFirst(rows)));
    }
    long now = clock.millis() * 1_000_000L;
    long from = Math.max(query.fromEpochNanos(), now - retention.toNanos());
    long to = Math.min(query.toEpochNanos(), now + MAX_FUTURE_SKEW.toNanos());
    if (to < from) return CompletableFuture.completedFuture(null);
    int first = Schema.bucket(to);
    int last = Schema.bucket(from);
    if (query.urlPattern() != null && app != null) {
      String pattern = query.urlPattern();
      return scanHours(first, last, candidates, bucket -> rows(indexes.url().hour(app, pattern, bucket,
          query.fromEpochNanos(), query.toEpochNanos(), candidates.rowBudget())));
    }
    String service = query.service();
    if (service == null) throw new IllegalStateException("query has no index to search by: " + query);
    return scanHours(first, last, candidates, bucket -> {
      List<CompletableFuture<List<Row>>> shards = new ArrayList<>();
      for (int shard = 0; shard < Schema.SERVICE_SHARDS; shard++) {
        shards.add(rows(indexes.service().shard(service, bucket, (byte) shard, query.fromEpochNanos(),
            query.toEpochNanos(), candidates.rowBudget())).toCompletableFuture());
      }
      return CompletableFuture.allOf(shards.toArray(CompletableFuture[]::new)).thenApply(all -> {
        List<Row> merged = new ArrayList<>();
        for (CompletableFuture<List<Row>> shard : shards) {
          for (Row row : shard.join()) {
            if (serviceRowMayMatch(query, row)) merged.add(row);
            else candidates.countSkipped();
          }
        }
        return merged;
      });
    });
  }

  /**
   * What an index row can rule out on its own: the span criteria must hold for one span of this
   * service, so its operation must be among the row's, and its duration at most the row's longest.
   */
  private static boolean serviceRowMayMatch(SearchQuery query, Row row) {
    if (query.operation() != null) {
      Set<String> operations = row.getSet(4, String.class);
      if (operations == null || !operations.contains(query.operation())) return false;
    }
    return query.minDurationNanos() == null || row.getLong(2) >= query.minDurationNanos();
  }

  /** Reads hour after hour, newest first, until the hours or a budget run out. */
  private CompletionStage<Void> scanHours(int bucket, int lastBucket, Candidates candidates,
      Function<Integer, CompletionStage<List<Row>>> readHour) {
    if (bucket < lastBucket) return CompletableFuture.completedFuture(null);
    if (candidates.full()) {
      candidates.truncated = true;
      return CompletableFuture.completedFuture(null);
    }
    return readHour.apply(bucket).thenCompose(rows -> {
      candidates.addAll(newestFirst(rows));
      return scanHours(bucket - 1, lastBucket, candidates, readHour);
    });
  }

  /** Reads candidates in groups of {@link #PARALLEL_READS}, in order, until the limit is reached. */
  private CompletionStage<Void> verify(SearchQuery query, List<TraceKey> keys, int from, List<TraceSummary> found) {
    if (from >= keys.size() || found.size() >= query.limit()) return CompletableFuture.completedFuture(null);
    List<TraceKey> group = keys.subList(from, Math.min(keys.size(), from + PARALLEL_READS));
    List<CompletableFuture<TraceRecords>> reads = new ArrayList<>();
    for (TraceKey key : group) reads.add(readTrace.apply(key).toCompletableFuture());
    return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenCompose(all -> {
      for (CompletableFuture<TraceRecords> read : reads) {
        if (found.size() >= query.limit()) break;
        Optional<TraceSummary> match = SearchMatcher.match(query, read.join());
        match.ifPresent(found::add);
      }
      return verify(query, keys, from + group.size(), found);
    });
  }

  /** Rows whose second column is a start time, newest first. */
  private static List<Row> newestFirst(List<Row> rows) {
    List<Row> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.comparingLong((Row r) -> r.getLong(1)).reversed());
    return sorted;
  }

  /** All rows of a bounded query, every page. */
  private CompletionStage<List<Row>> rows(Statement<?> statement) {
    List<Row> rows = new ArrayList<>();
    return session.executeAsync(statement).thenCompose(page -> collectPages(page, rows)).thenApply(done -> rows);
  }

  private static CompletionStage<Void> collectPages(AsyncResultSet page, List<Row> rows) {
    for (Row row : page.currentPage()) rows.add(row);
    if (!page.hasMorePages()) return CompletableFuture.completedFuture(null);
    return page.fetchNextPage().thenCompose(next -> collectPages(next, rows));
  }

  /** Distinct candidate keys in the order found, with the budgets that bound finding them. */
  private static final class Candidates {
    private final Map<Long, Long> startByKey = new LinkedHashMap<>();
    private int rowsRead;
    boolean truncated;

    /** Rows are (trace_key, start_nanos, ...): the first sighting of a key keeps its place. */
    void addAll(List<Row> rows) {
      for (Row row : rows) {
        rowsRead++;
        if (startByKey.size() >= MAX_CANDIDATES) {
          truncated = true;
          return;
        }
        startByKey.putIfAbsent(row.getLong(0), row.getLong(1));
      }
      if (rowsRead >= MAX_INDEX_ROWS) truncated = true;
    }

    void countSkipped() {
      rowsRead++;
    }

    boolean full() {
      return startByKey.size() >= MAX_CANDIDATES || rowsRead >= MAX_INDEX_ROWS;
    }

    /** How many more index rows a query may return; at least one, so a scan always progresses. */
    int rowBudget() {
      return Math.max(1, MAX_INDEX_ROWS - rowsRead);
    }

    List<TraceKey> ordered() {
      return startByKey.keySet().stream().map(TraceKey::new).toList();
    }
  }
}
