package dev.tracebridge.store.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracebridge.core.model.Attributes;
import dev.tracebridge.core.model.Resource;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.SpanStatus;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.rum.ResourceType;
import dev.tracebridge.core.rum.RumContext;
import dev.tracebridge.core.rum.RumResource;
import dev.tracebridge.core.search.SearchQuery;
import dev.tracebridge.core.search.SearchResult;
import dev.tracebridge.core.search.SearchUnsupportedException;
import dev.tracebridge.core.search.TraceSummary;
import dev.tracebridge.core.storage.TestTelemetry;
import dev.tracebridge.core.storage.TraceWrite;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Test;

/** Searches through the index tables of a real node. Each test uses services and apps of its own. */
class CassandraTraceSearchTest {
  private static final long MILLI = 1_000_000L;
  /** Writes a test keeps in flight: each is 5 requests (trace row, session, view, URL and minute index rows). */
  private static final int CLIENT_WINDOW = 64;
  private final Instant now = Instant.now();
  private final long nowNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
  private final String service = "svc-" + UUID.randomUUID();
  private final String app = "app-" + UUID.randomUUID();

  @Test
  void byService_limitCountsTracesNotSpans_newestFirst() throws Exception {
    TraceId oldest = writeTrace(service, "GET /a", ago(3), 5, SpanStatus.UNSET, Attributes.empty());
    TraceId middle = writeTrace(service, "GET /a", ago(2), 5, SpanStatus.UNSET, Attributes.empty());
    TraceId newest = writeTrace(service, "GET /a", ago(1), 5, SpanStatus.UNSET, Attributes.empty());
    writeTrace("other-" + service, "GET /a", ago(1), 5, SpanStatus.UNSET, Attributes.empty());

    SearchResult result = search(query().service(service).limit(2));

    assertThat(result.traces()).extracting(TraceSummary::traceId).containsExactly(newest, middle);
    assertThat(result.traces()).allSatisfy(t -> {
      assertThat(t.spanCount()).isEqualTo(5);
      assertThat(t.rootService()).isEqualTo(service);
      assertThat(t.rootName()).isEqualTo("GET /a");
    });
    assertThat(result.partial()).isFalse();
    assertThat(search(query().service(service)).traces()).extracting(TraceSummary::traceId)
        .containsExactly(newest, middle, oldest);
  }

  @Test
  void byOperationAndDuration_theSameSpanMustMatchBoth() throws Exception {
    TraceId fastA = writeTrace(service, "GET /a", ago(2), 1, SpanStatus.UNSET, Attributes.empty());
    TraceId slowB = writeTrace(service, "GET /b", ago(1), 1, SpanStatus.UNSET, Attributes.empty(), 900 * MILLI);

    assertThat(ids(query().service(service).operation("GET /b").minDurationNanos(500 * MILLI)))
        .containsExactly(slowB);
    assertThat(ids(query().service(service).operation("GET /a").minDurationNanos(500 * MILLI))).isEmpty();
    assertThat(ids(query().service(service).maxDurationNanos(200 * MILLI))).containsExactly(fastA);
  }

  @Test
  void byErrorHttpStatusAndAttribute() throws Exception {
    TraceId failed = writeTrace(service, "POST /pay", ago(3), 2, SpanStatus.of(SpanStatus.Code.ERROR, "boom"),
        Attributes.empty());
    TraceId unavailable = writeTrace(service, "GET /stock", ago(2), 2, SpanStatus.UNSET,
        Attributes.builder().put("http.response.status_code", 503L).build());
    TraceId gold = writeTrace(service, "GET /cart", ago(1), 2, SpanStatus.UNSET,
        Attributes.builder().put("customer.tier", "gold").build());

    assertThat(ids(query().service(service).errorsOnly(true))).containsExactly(failed);
    assertThat(ids(query().service(service).httpStatus(503))).containsExactly(unavailable);
    assertThat(ids(query().service(service).attribute("customer.tier", "gold"))).containsExactly(gold);
    assertThat(ids(query().service(service).attribute("customer.tier", "silver"))).isEmpty();
    TraceSummary failure = search(query().service(service).errorsOnly(true)).traces().get(0);
    assertThat(failure.error()).isTrue();
  }

  @Test
  void bySessionViewAndUrlPattern_findTheJoinedTraces() throws Exception {
    TraceId cart42 = TestTelemetry.randomTraceId();
    TraceId cart77 = TestTelemetry.randomTraceId();
    TraceId home = TestTelemetry.randomTraceId();
    writeResource(cart42, "s-1", "v-1", "https://api.shop.example/cart/42?x=1", ago(3));
    writeResource(cart77, "s-1", "v-2", "https://api.shop.example/cart/77", ago(2));
    writeResource(home, "s-2", "v-3", "https://shop.example/", ago(1));
    writeTraceWithId(cart42, service, "GET /cart/{id}", ago(3));

    assertThat(ids(query().appId(app).sessionId("s-1"))).containsExactly(cart77, cart42);
    assertThat(ids(query().appId(app).viewId("v-2"))).containsExactly(cart77);
    assertThat(ids(query().appId(app).urlPattern("https://API.shop.example/cart/1001")))
        .containsExactly(cart77, cart42);
    // A pattern as the store lists it folds to itself, so it can be searched for as it is shown.
    assertThat(ids(query().appId(app).urlPattern("api.shop.example/cart/{id}"))).containsExactly(cart77, cart42);
    TraceSummary joined = search(query().appId(app).sessionId("s-1").service(service)).traces().get(0);
    assertThat(joined.traceId()).isEqualTo(cart42);
    assertThat(joined.spanCount()).isEqualTo(1);
    assertThat(joined.resourceCount()).isEqualTo(1);
  }

  @Test
  void outsideTheTimeRange_findsNothing() throws Exception {
    writeTrace(service, "GET /a", ago(30), 1, SpanStatus.UNSET, Attributes.empty());

    assertThat(ids(SearchQuery.builder(ago(10), nowNanos).service(service))).isEmpty();
    assertThat(ids(SearchQuery.builder(ago(40), nowNanos).service(service))).hasSize(1);
  }

  @Test
  void timeRangeAlone_isRefusedSayingWhatIsMissing() {
    assertThatThrownBy(() -> search(query().errorsOnly(true)))
        .isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(SearchUnsupportedException.class)
        .hasMessage(IndexedTraceSearch.NO_INDEX);
  }

  @Test
  void moreCandidatesThanTheBudget_resultSaysItIsPartial() throws Exception {
    // A client keeps a bounded window in flight, as exporters do: the store refuses more than its bound.
    Semaphore window = new Semaphore(CLIENT_WINDOW);
    List<CompletableFuture<Void>> writes = new ArrayList<>();
    for (int i = 0; i <= IndexedTraceSearch.MAX_CANDIDATES; i++) {
      window.acquire();
      writes.add(resourceWrite(TestTelemetry.randomTraceId(), "busy", "v", "https://shop.example/a", ago(1))
          .whenComplete((ok, failure) -> window.release()));
    }
    CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get();

    SearchResult result = search(query().appId(app).sessionId("busy").urlPattern("https://shop.example/b"));

    assertThat(result.traces()).isEmpty();
    assertThat(result.partial()).isTrue();
  }

  private SearchQuery.Builder query() {
    return SearchQuery.builder(ago(60), nowNanos + Duration.ofSeconds(60).toNanos());
  }

  private long ago(int minutes) {
    return nowNanos - Duration.ofMinutes(minutes).toNanos();
  }

  private static SearchResult search(SearchQuery.Builder query) throws Exception {
    return SharedNode.store().search(query.build()).toCompletableFuture().get();
  }

  private static List<TraceId> ids(SearchQuery.Builder query) throws Exception {
    return search(query).traces().stream().map(TraceSummary::traceId).toList();
  }

  private TraceId writeTrace(String serviceName, String name, long start, int spans, SpanStatus status,
      Attributes attributes) throws Exception {
    return writeTrace(serviceName, name, start, spans, status, attributes, 100 * MILLI);
  }

  private TraceId writeTrace(String serviceName, String name, long start, int spans, SpanStatus status,
      Attributes attributes, long durationNanos) throws Exception {
    TraceId traceId = TestTelemetry.randomTraceId();
    Resource resource = Resource.of(Attributes.builder().put(Resource.SERVICE_NAME, serviceName).build());
    SpanId root = TestTelemetry.randomSpanId();
    List<Span> written = new ArrayList<>();
    for (int i = 0; i < spans; i++) {
      written.add(Span.builder().traceId(traceId).spanId(i == 0 ? root : TestTelemetry.randomSpanId())
          .parentSpanId(i == 0 ? null : root).name(i == 0 ? name : "child-" + i).resource(resource)
          .startEpochNanos(start + i).endEpochNanos(start + i + (i == 0 ? durationNanos : 1))
          .status(i == 0 ? status : SpanStatus.UNSET).attributes(i == 0 ? attributes : Attributes.empty()).build());
    }
    SharedNode.store().write(TraceWrite.ofSpans(traceId.key(), written)).toCompletableFuture().get();
    return traceId;
  }

  private void writeTraceWithId(TraceId traceId, String serviceName, String name, long start) throws Exception {
    Span span = Span.builder().traceId(traceId).spanId(TestTelemetry.randomSpanId()).name(name)
        .resource(Resource.of(Attributes.builder().put(Resource.SERVICE_NAME, serviceName).build()))
        .startEpochNanos(start + MILLI).endEpochNanos(start + 2 * MILLI).build();
    SharedNode.store().write(TraceWrite.ofSpans(traceId.key(), List.of(span))).toCompletableFuture().get();
  }

  private void writeResource(TraceId traceId, String session, String view, String url, long start) throws Exception {
    resourceWrite(traceId, session, view, url, start).get();
  }

  private CompletableFuture<Void> resourceWrite(TraceId traceId, String session, String view, String url,
      long start) {
    RumResource resource = new RumResource("res-" + traceId, new RumContext(app, session, view, null, null,
        Map.of()), start, 5 * MILLI, ResourceType.FETCH, url, "GET", 200, null,
        TestTelemetry.fullResource(traceId, TestTelemetry.randomSpanId()).propagation(), Map.of(),
        Attributes.empty());
    return SharedNode.store().write(TraceWrite.ofResources(traceId.key(), List.of(resource))).toCompletableFuture();
  }
}
