package dev.tracebridge.api.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.search.SearchQuery;
import dev.tracebridge.core.search.SearchResult;
import dev.tracebridge.core.search.SessionTimeline;
import dev.tracebridge.core.search.TraceSearch;
import dev.tracebridge.core.search.TraceSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class SearchPagingTest {

  @Test
  void tracesStartingInTheSameNanosecond_areEachShownOnce() throws Exception {
    List<TraceSummary> all = new ArrayList<>();
    for (int i = 1; i <= 7; i++) all.add(summary(i, i <= 4 ? 500 : 400 - i));
    TraceSearch store = new FixedSearch(all);
    SearchQuery query = SearchQuery.builder(0, 1_000).service("s").build();

    List<String> seen = new ArrayList<>();
    PageToken token = null;
    do {
      SearchPaging.Page page = SearchPaging.page(store, query, 3, token).toCompletableFuture().get();
      page.traces().forEach(t -> seen.add(t.traceId().toHex()));
      token = PageToken.parse(page.nextPageToken());
    } while (token != null);

    assertThat(seen).doesNotHaveDuplicates().hasSize(7);
  }

  @Test
  void pageToken_roundTrips() {
    PageToken token = PageToken.after(summary(3, 123));

    assertThat(PageToken.parse(token.encode())).isEqualTo(token);
  }

  private static TraceSummary summary(long id, long start) {
    return new TraceSummary(TraceId.of(0, id), start, 1, "s", "op", 1, 0, false);
  }

  /** A store answering like the real ones: newest first, then by id, at most the limit. */
  private record FixedSearch(List<TraceSummary> traces) implements TraceSearch {
    @Override
    public CompletionStage<SearchResult> search(SearchQuery query) {
      List<TraceSummary> found = traces.stream()
          .filter(t -> t.startEpochNanos() >= query.fromEpochNanos() && t.startEpochNanos() <= query.toEpochNanos())
          .sorted(Comparator.comparingLong(TraceSummary::startEpochNanos).reversed()
              .thenComparing(t -> t.traceId().toHex()))
          .limit(query.limit()).toList();
      return CompletableFuture.completedFuture(new SearchResult(found, false));
    }

    @Override
    public CompletionStage<SessionTimeline> readSessionTimeline(String appId, String sessionId) {
      throw new UnsupportedOperationException("not searched by session here");
    }

    @Override
    public CompletionStage<List<String>> services() {
      return CompletableFuture.completedFuture(List.of());
    }

    @Override
    public CompletionStage<List<String>> operations(String service) {
      return CompletableFuture.completedFuture(List.of());
    }
  }
}
