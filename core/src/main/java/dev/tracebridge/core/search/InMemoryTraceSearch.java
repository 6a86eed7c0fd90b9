package dev.tracebridge.core.search;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.storage.InMemoryTraceStore;
import dev.tracebridge.core.storage.TraceRecords;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Searches an {@link InMemoryTraceStore} by reading every partition: exact and simple, fine for tests
 * and for trying the engine, and never partial. It accepts time-range scans, which an indexed store may
 * refuse.
 */
public final class InMemoryTraceSearch implements TraceSearch {
  /** Orders results as the Cassandra store does: newest first, then by id for a stable order. */
  private static final Comparator<TraceSummary> NEWEST_FIRST =
      Comparator.comparingLong(TraceSummary::startEpochNanos).reversed()
          .thenComparing(s -> s.traceId().toHex());

  private final InMemoryTraceStore store;

  public InMemoryTraceSearch(InMemoryTraceStore store) {
    this.store = requireNonNull(store, "store");
  }

  @Override
  public CompletionStage<SearchResult> search(SearchQuery query) {
    requireNonNull(query, "query");
    List<TraceSummary> found = new ArrayList<>();
    for (TraceRecords trace : store.traces()) {
      Optional<TraceSummary> match = SearchMatcher.match(query, trace);
      match.ifPresent(found::add);
    }
    found.sort(NEWEST_FIRST);
    List<TraceSummary> page = found.size() > query.limit() ? found.subList(0, query.limit()) : found;
    return CompletableFuture.completedFuture(new SearchResult(page, false));
  }

  @Override
  public CompletionStage<SessionTimeline> readSessionTimeline(String appId, String sessionId) {
    return SessionTimeline.read(store, this, appId, sessionId);
  }

  @Override
  public CompletionStage<List<String>> services() {
    TreeSet<String> services = new TreeSet<>();
    for (TraceRecords trace : store.traces()) {
      for (Span span : trace.spans()) services.add(span.serviceName());
    }
    return CompletableFuture.completedFuture(List.copyOf(services));
  }

  @Override
  public CompletionStage<List<String>> operations(String service) {
    requireNonNull(service, "service");
    TreeSet<String> operations = new TreeSet<>();
    for (TraceRecords trace : store.traces()) {
      for (Span span : trace.spans()) {
        if (span.serviceName().equals(service)) operations.add(span.name());
      }
    }
    return CompletableFuture.completedFuture(List.copyOf(operations));
  }
}
