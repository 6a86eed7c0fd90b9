package dev.tracebridge.api.query;

import dev.tracebridge.core.search.SearchQuery;
import dev.tracebridge.core.search.SearchResult;
import dev.tracebridge.core.search.TraceSearch;
import dev.tracebridge.core.search.TraceSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * Pages through a search by keyset: a page token holds the last trace shown, and the next page asks
 * the store for traces that started no later, skipping those already shown. No state is kept between
 * requests, so any engine node can serve any page.
 */
final class SearchPaging {
  /**
   * Traces starting in the very nanosecond a page ended on are fetched again and skipped; this many
   * extra cover such ties, which real clocks make rare.
   */
  static final int BOUNDARY_SLACK = 16;
  /** Half the store's limit: a page, its look-ahead and the tie slack always fit in one search. */
  static final int MAX_PAGE_SIZE = SearchQuery.MAX_LIMIT / 2;

  private SearchPaging() {}

  /** One page: the traces, whether the store cut its scan short, and where the next page starts. */
  record Page(List<TraceSummary> traces, boolean partial, @Nullable String nextPageToken) {}

  static CompletionStage<Page> page(TraceSearch search, SearchQuery query, int limit, @Nullable PageToken token) {
    long to = token == null ? query.toEpochNanos() : Math.min(query.toEpochNanos(), token.startEpochNanos());
    // One more than the page tells whether another page exists.
    int fetch = Math.min(SearchQuery.MAX_LIMIT, limit + 1 + (token == null ? 0 : BOUNDARY_SLACK));
    long from = Math.min(query.fromEpochNanos(), to);
    return search.search(query.withRange(from, to, fetch)).thenApply(result -> cut(result, limit, token));
  }

  private static Page cut(SearchResult result, int limit, @Nullable PageToken token) {
    List<TraceSummary> after = new ArrayList<>(result.traces().size());
    for (TraceSummary trace : result.traces()) {
      if (token == null || token.precedes(trace)) after.add(trace);
    }
    if (after.size() <= limit) return new Page(after, result.partial(), null);
    List<TraceSummary> page = after.subList(0, limit);
    return new Page(page, result.partial(), PageToken.after(page.get(limit - 1)).encode());
  }
}
