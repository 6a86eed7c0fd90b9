package dev.tracebridge.store.cassandra;

import java.util.List;

/**
 * What a search found, newest first. {@code partial} is true when the search stopped at its scan
 * budget before it had looked at every candidate: more traces may match than it returned.
 */
public record TraceSearchResult(List<TraceSummary> traces, boolean partial) {

  public TraceSearchResult {
    traces = List.copyOf(traces);
  }
}
