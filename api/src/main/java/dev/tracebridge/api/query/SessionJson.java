package dev.tracebridge.api.query;

import dev.tracebridge.core.search.SessionTimeline;
import java.util.List;

/** A session's timeline: its events oldest first, and the traces its requests started. */
record SessionJson(
    String appId, String sessionId, List<RumEventJson> events, List<SummaryJson> traces, boolean partial) {

  static SessionJson of(SessionTimeline timeline) {
    return new SessionJson(timeline.appId(), timeline.sessionId(),
        timeline.events().stream().map(RumEventJson::of).toList(),
        timeline.traces().stream().map(SummaryJson::of).toList(), timeline.partial());
  }
}
