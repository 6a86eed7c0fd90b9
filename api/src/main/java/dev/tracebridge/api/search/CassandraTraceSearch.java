package dev.tracebridge.api.search;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.search.SearchQuery;
import dev.tracebridge.core.search.SearchResult;
import dev.tracebridge.core.search.SearchUnsupportedException;
import dev.tracebridge.core.search.SessionTimeline;
import dev.tracebridge.core.search.TraceSearch;
import dev.tracebridge.core.search.TraceSummary;
import dev.tracebridge.store.cassandra.CassandraTraceStore;
import dev.tracebridge.store.cassandra.TraceQuery;
import dev.tracebridge.store.cassandra.TraceSearchResult;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Core's {@link TraceSearch} on {@link CassandraTraceStore#search}. The store reads candidates from its
 * index tables, so a search needs a service, session, view or URL pattern; a time range alone is answered
 * as unsupported, saying what is missing. Services and operations come from the store's per-day list.
 */
public final class CassandraTraceSearch implements TraceSearch {
  static final String NO_INDEX = "the Cassandra store searches by service, session, view or URL pattern;"
      + " give at least one of them (a time range alone would read every trace of the range)";

  private final CassandraTraceStore store;

  public CassandraTraceSearch(CassandraTraceStore store) {
    this.store = requireNonNull(store, "store");
  }

  @Override
  public CompletionStage<SearchResult> search(SearchQuery query) {
    requireNonNull(query, "query");
    if (!query.hasIndexCriterion()) return CompletableFuture.failedFuture(new SearchUnsupportedException(NO_INDEX));
    return store.search(toTraceQuery(query)).thenApply(CassandraTraceSearch::fromStore);
  }

  @Override
  public CompletionStage<SessionTimeline> readSessionTimeline(String appId, String sessionId) {
    requireNonNull(appId, "appId");
    requireNonNull(sessionId, "sessionId");
    SearchQuery bySession = SearchQuery.builder(0, Long.MAX_VALUE).appId(appId).sessionId(sessionId)
        .limit(SearchQuery.MAX_LIMIT).build();
    return store.readSession(appId, sessionId).thenCombine(search(bySession),
        (events, traces) -> new SessionTimeline(appId, sessionId, events, traces.traces(), traces.partial()));
  }

  @Override
  public CompletionStage<List<String>> services() {
    return store.services();
  }

  @Override
  public CompletionStage<List<String>> operations(String service) {
    requireNonNull(service, "service");
    return store.operations(service);
  }

  static TraceQuery toTraceQuery(SearchQuery q) {
    return new TraceQuery(q.fromEpochNanos(), q.toEpochNanos(), q.service(), q.operation(), q.minDurationNanos(),
        q.maxDurationNanos(), q.errorsOnly(), q.httpStatus(), q.appId(), q.sessionId(), q.viewId(),
        q.urlPattern(), q.attributes(), Math.min(q.limit(), TraceQuery.MAX_LIMIT));
  }

  static SearchResult fromStore(TraceSearchResult result) {
    List<TraceSummary> traces = result.traces().stream()
        .map(s -> new TraceSummary(s.traceId(), s.startEpochNanos(), s.durationNanos(), s.rootService(),
            s.rootName(), s.spanCount(), s.resourceCount(), s.error()))
        .toList();
    return new SearchResult(traces, result.partial());
  }
}
