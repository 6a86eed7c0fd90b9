package dev.tracebridge.api.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.search.InMemoryTraceSearch;
import dev.tracebridge.core.search.SearchQuery;
import dev.tracebridge.core.storage.InMemoryTraceStore;
import dev.tracebridge.core.storage.TestTelemetry;
import dev.tracebridge.core.storage.TraceWrite;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A minute's traces by paging a time-range search, as the rollup pass does on the in-memory store. */
class SearchMinuteTracesTest {
  private static final long MINUTE = 29_000_000L;
  private static final long MINUTE_START = MINUTE * 60_000_000_000L;
  private static final long MS = 1_000_000L;

  private final InMemoryTraceStore store = new InMemoryTraceStore();
  private final SearchMinuteTraces traces = new SearchMinuteTraces(new InMemoryTraceSearch(store));

  @Test
  void moreTracesThanASearchPage_areAllListed_andTracesOfOtherMinutesAreNot() throws Exception {
    List<TraceId> inMinute = new ArrayList<>();
    for (int i = 0; i < 1_500; i++) inMinute.add(write(MINUTE_START + i * 30 * MS));
    TraceId startedBefore = write(MINUTE_START - 5 * MS, MINUTE_START + 10 * MS);
    TraceId nextMinute = write(MINUTE_START + 61_000 * MS);

    MinuteTraces.Listing listing = traces.startedIn(MINUTE, 20_000).toCompletableFuture().get();

    assertThat(listing.traceIds()).hasSize(1_500).containsExactlyInAnyOrderElementsOf(inMinute)
        .doesNotContain(startedBefore, nextMinute);
    assertThat(listing.complete()).isTrue();
  }

  @Test
  void fullPageEndingInATraceThatStartedBefore_endsTheListing() throws Exception {
    // A page's oldest result started before the minute: the old pass asked for a range ending there,
    // before its start, and failed the minute for good.
    List<TraceId> inMinute = new ArrayList<>();
    for (int i = 0; i < SearchQuery.MAX_LIMIT - 1; i++) inMinute.add(write(MINUTE_START + i * MS));
    for (int i = 0; i < 5; i++) write(MINUTE_START - (i + 1) * MS, MINUTE_START + 59_000 * MS);

    MinuteTraces.Listing listing = traces.startedIn(MINUTE, 20_000).toCompletableFuture().get();

    assertThat(listing.traceIds()).containsExactlyInAnyOrderElementsOf(inMinute);
    assertThat(listing.complete()).isTrue();
  }

  @Test
  void moreTracesThanAskedFor_newestListed_andIncomplete() throws Exception {
    List<TraceId> newestFirst = new ArrayList<>();
    for (int i = 0; i < 10; i++) newestFirst.add(0, write(MINUTE_START + i * MS));

    MinuteTraces.Listing listing = traces.startedIn(MINUTE, 4).toCompletableFuture().get();

    assertThat(listing.traceIds()).containsExactlyElementsOf(newestFirst.subList(0, 4));
    assertThat(listing.complete()).isFalse();
  }

  /** A trace of one span per start time given. */
  private TraceId write(long... startNanos) throws Exception {
    TraceId id = TestTelemetry.randomTraceId();
    List<Span> spans = new ArrayList<>();
    for (long start : startNanos) {
      spans.add(TestTelemetry.fullSpan(id, TestTelemetry.randomSpanId(), null).toBuilder()
          .startEpochNanos(start).endEpochNanos(start + MS).build());
    }
    store.write(TraceWrite.ofSpans(id.key(), spans)).toCompletableFuture().get();
    return id;
  }
}
