package dev.tracebridge.api.query;

import dev.tracebridge.api.analysis.Millis;
import dev.tracebridge.core.search.TraceSummary;

/** A trace in a search result or a session's trace list. */
public record SummaryJson(
    String traceId, long startEpochNanos, long durationNanos, double durationMs, String rootService,
    String rootName, int spanCount, int resourceCount, boolean error) {

  public static SummaryJson of(TraceSummary s) {
    return new SummaryJson(s.traceId().toHex(), s.startEpochNanos(), s.durationNanos(),
        Millis.of(s.durationNanos()), s.rootService(), s.rootName(), s.spanCount(), s.resourceCount(), s.error());
  }
}
