package dev.tracebridge.core.search;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.rum.RumEvent;
import dev.tracebridge.core.storage.TraceStore;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * A RUM session as it happened: every event oldest first (views in their latest version), and the
 * traces its requests started, newest first. {@code partial} is true when the trace list was cut
 * short by the search's budget.
 */
public record SessionTimeline(
    String appId, String sessionId, List<RumEvent> events, List<TraceSummary> traces, boolean partial) {

  public SessionTimeline {
    requireNonNull(appId, "appId");
    requireNonNull(sessionId, "sessionId");
    events = List.copyOf(events);
    traces = List.copyOf(traces);
  }

  /**
   * Reads a session's timeline from a store's events and a search's traces: the one way every
   * {@link TraceSearch} answers {@link TraceSearch#readSessionTimeline}.
   */
  public static CompletionStage<SessionTimeline> read(TraceStore store, TraceSearch search, String appId,
      String sessionId) {
    requireNonNull(appId, "appId");
    requireNonNull(sessionId, "sessionId");
    SearchQuery bySession = SearchQuery.builder(0, Long.MAX_VALUE).appId(appId).sessionId(sessionId)
        .limit(SearchQuery.MAX_LIMIT).build();
    return store.readSession(appId, sessionId).thenCombine(search.search(bySession),
        (events, traces) -> new SessionTimeline(appId, sessionId, events, traces.traces(), traces.partial()));
  }

  public boolean isEmpty() {
    return events.isEmpty() && traces.isEmpty();
  }
}
