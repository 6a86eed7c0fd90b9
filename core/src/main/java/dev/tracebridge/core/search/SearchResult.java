package dev.tracebridge.core.search;

import java.util.List;

/**
 * What a search found, newest first. {@code partial} is true when the search stopped at a scan budget
 * before it had looked at every candidate: more traces may match than it returned.
 */
public record SearchResult(List<TraceSummary> traces, boolean partial) {

  public SearchResult {
    traces = List.copyOf(traces);
  }
}
