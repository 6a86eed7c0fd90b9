package dev.tracebridge.core.search;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.rum.RumEvent;
import java.util.List;

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

  public boolean isEmpty() {
    return events.isEmpty() && traces.isEmpty();
  }
}
