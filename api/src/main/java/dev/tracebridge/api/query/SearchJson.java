package dev.tracebridge.api.query;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of a trace search. {@code partial}: the store stopped at its scan budget, so more traces may
 * match than it found; {@code nextPageToken}: pass it back as {@code pageToken} for the next page
 * (null on the last page).
 */
record SearchJson(List<SummaryJson> traces, boolean partial, @Nullable String nextPageToken) {

  static SearchJson of(SearchPaging.Page page) {
    return new SearchJson(page.traces().stream().map(SummaryJson::of).toList(), page.partial(),
        page.nextPageToken());
  }
}
