package dev.tracebridge.core.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.core.model.Attributes;
import dev.tracebridge.core.model.Resource;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.SpanStatus;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.rum.RumResource;
import dev.tracebridge.core.storage.InMemoryTraceStore;
import dev.tracebridge.core.storage.TestTelemetry;
import dev.tracebridge.core.storage.TraceWrite;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryTraceSearchTest {
  private static final long T0 = 1_700_000_000_000_000_000L;
  private final InMemoryTraceStore store = new InMemoryTraceStore();
  private final InMemoryTraceSearch search = new InMemoryTraceSearch(store);

  @Test
  void serviceAndDuration_mustHoldForOneSpan() throws Exception {
    TraceId slowCart = write(span("cart", "GET /cart", 0, 900, false), span("db", "SELECT", 10, 20, false));
    write(span("cart", "GET /cart", 0, 10, false), span("db", "SELECT", 10, 900, false));

    SearchResult result = run(SearchQuery.builder(T0, T0 + 1_000_000_000L).service("cart")
        .minDurationNanos(500_000_000L).build());

    assertThat(result.traces()).extracting(TraceSummary::traceId).containsExactly(slowCart);
    assertThat(result.partial()).isFalse();
  }

  @Test
  void errorsOnly_keepsTracesWithAnErrorSpan() throws Exception {
    TraceId failed = write(span("cart", "GET /cart", 0, 10, true));
    write(span("cart", "GET /cart", 0, 10, false));

    SearchResult result = run(SearchQuery.builder(T0, T0 + 1_000_000_000L).service("cart").errorsOnly(true).build());

    assertThat(result.traces()).extracting(TraceSummary::traceId).containsExactly(failed);
    assertThat(result.traces().get(0).error()).isTrue();
  }

  @Test
  void limit_keepsTheNewestTraces() throws Exception {
    write(span("cart", "a", 0, 10, false));
    TraceId newer = write(span("cart", "b", 100, 10, false));
    TraceId newest = write(span("cart", "c", 200, 10, false));

    SearchResult result = run(SearchQuery.builder(T0, T0 + 1_000_000_000L).service("cart").limit(2).build());

    assertThat(result.traces()).extracting(TraceSummary::traceId).containsExactly(newest, newer);
  }

  @Test
  void outsideTimeRange_isNotFound() throws Exception {
    write(span("cart", "GET /cart", 0, 10, false));

    SearchResult result = run(SearchQuery.builder(T0 + 5_000_000_000L, T0 + 6_000_000_000L).service("cart").build());

    assertThat(result.traces()).isEmpty();
  }

  @Test
  void urlPattern_matchesResourcesWithFoldedIds() throws Exception {
    TraceId traceId = TestTelemetry.randomTraceId();
    RumResource resource = TestTelemetry.fullResource(traceId, TestTelemetry.randomSpanId());
    store.write(TraceWrite.ofResources(traceId.key(), List.of(resource))).toCompletableFuture().get();

    SearchResult result = run(SearchQuery.builder(0, Long.MAX_VALUE).appId("shop-web")
        .urlPattern("https://api.shop.example/cart/7").build());

    assertThat(result.traces()).extracting(TraceSummary::traceId).containsExactly(traceId);
    assertThat(result.traces().get(0).rootName()).isEqualTo("GET https://api.shop.example/cart/42");
  }

  @Test
  void sessionTimeline_holdsEventsAndTraces() throws Exception {
    TraceId traceId = TestTelemetry.randomTraceId();
    RumResource resource = TestTelemetry.fullResource(traceId, TestTelemetry.randomSpanId());
    store.write(TraceWrite.ofResources(traceId.key(), List.of(resource))).toCompletableFuture().get();
    store.writeSessionEvents(List.of(resource)).toCompletableFuture().get();

    SessionTimeline timeline = search.readSessionTimeline("shop-web", "session-1").toCompletableFuture().get();

    assertThat(timeline.events()).containsExactly(resource);
    assertThat(timeline.traces()).extracting(TraceSummary::traceId).containsExactly(traceId);
  }

  @Test
  void servicesAndOperations_areListedSorted() throws Exception {
    write(span("db", "SELECT", 0, 1, false), span("cart", "POST /cart", 0, 1, false));
    write(span("cart", "GET /cart", 0, 1, false));

    assertThat(search.services().toCompletableFuture().get()).containsExactly("cart", "db");
    assertThat(search.operations("cart").toCompletableFuture().get()).containsExactly("GET /cart", "POST /cart");
  }

  private SearchResult run(SearchQuery query) throws Exception {
    return search.search(query).toCompletableFuture().get();
  }

  private TraceId write(Span.Builder... spans) throws Exception {
    TraceId traceId = TestTelemetry.randomTraceId();
    List<Span> built = java.util.Arrays.stream(spans).map(s -> s.traceId(traceId).build()).toList();
    store.write(TraceWrite.ofSpans(traceId.key(), built)).toCompletableFuture().get();
    return traceId;
  }

  private static Span.Builder span(String service, String name, long startMillis, long durationMillis,
      boolean error) {
    long start = T0 + startMillis * 1_000_000;
    return Span.builder().spanId(SpanId.of(System.nanoTime() | 1)).name(name)
        .startEpochNanos(start).endEpochNanos(start + durationMillis * 1_000_000)
        .status(error ? SpanStatus.of(SpanStatus.Code.ERROR, "boom") : SpanStatus.UNSET)
        .resource(Resource.of(Attributes.builder().put("service.name", service).build()));
  }
}
