package dev.tracebridge.api.search;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.search.SearchQuery;
import dev.tracebridge.core.search.SearchResult;
import dev.tracebridge.core.search.TraceSearch;
import dev.tracebridge.core.search.TraceSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@link MinuteTraces} for a store without a minute index (the in-memory one): pages through a time-range
 * search of the minute, newest first, keeping the traces whose earliest row started in it. A store whose
 * search refuses time-range scans fails the stage with its
 * {@link dev.tracebridge.core.search.SearchUnsupportedException}.
 */
public final class SearchMinuteTraces implements MinuteTraces {
  private static final long NANOS_PER_MINUTE = 60_000_000_000L;

  private final TraceSearch search;

  public SearchMinuteTraces(TraceSearch search) {
    this.search = requireNonNull(search, "search");
  }

  @Override
  public CompletionStage<Listing> startedIn(long epochMinute, int maxTraces) {
    if (maxTraces < 1) throw new IllegalArgumentException("maxTraces: " + maxTraces + " (expected: > 0)");
    long start = epochMinute * NANOS_PER_MINUTE;
    long end = start + NANOS_PER_MINUTE - 1;
    return page(start, end, maxTraces, new ArrayList<>(), List.of(), true);
  }

  /**
   * One page, newest first, ending at {@code to}; the next page ends at this page's oldest start. Traces
   * at that very start were on this page already ({@code boundary}) and are skipped on the next.
   */
  private CompletionStage<Listing> page(long start, long to, int max, List<TraceId> found, List<TraceId> boundary,
      boolean complete) {
    SearchQuery query = SearchQuery.builder(start, to).limit(SearchQuery.MAX_LIMIT).build();
    return search.search(query).thenCompose(result -> {
      boolean stillComplete = complete && !result.partial();
      boolean added = false;
      for (TraceSummary summary : result.traces()) {
        // A trace belongs to the minute it started in; one with a row in this minute that started
        // earlier was that minute's.
        if (summary.startEpochNanos() < start || boundary.contains(summary.traceId())) continue;
        if (found.size() >= max) return done(found, false);
        found.add(summary.traceId());
        added = true;
      }
      if (result.traces().size() < SearchQuery.MAX_LIMIT) return done(found, stillComplete);
      long oldest = result.traces().get(result.traces().size() - 1).startEpochNanos();
      // The rest of the results started before the minute: nothing more of it to find.
      if (oldest < start) return done(found, stillComplete);
      // A whole page of traces sharing one start: the next page would be the same one.
      if (!added) return done(found, false);
      return page(start, oldest, max, found, atStart(result, oldest), stillComplete);
    });
  }

  private static List<TraceId> atStart(SearchResult result, long startNanos) {
    return result.traces().stream().filter(s -> s.startEpochNanos() == startNanos).map(TraceSummary::traceId)
        .toList();
  }

  private static CompletionStage<Listing> done(List<TraceId> found, boolean complete) {
    return CompletableFuture.completedFuture(new Listing(found, complete));
  }
}
