package dev.tracebridge.core.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.core.model.Attributes;
import dev.tracebridge.core.model.Resource;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.SpanStatus;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.rum.RumResource;
import dev.tracebridge.core.storage.TestTelemetry;
import dev.tracebridge.core.storage.TraceRecords;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The criteria the in-memory search tests do not reach: HTTP status, attributes, sessions and views. */
class SearchMatcherTest {
  private static final long T0 = 1_700_000_000_000_000_000L;
  private static final long HOUR = 3_600_000_000_000L;
  private final TraceId traceId = TestTelemetry.randomTraceId();

  @Test
  void httpStatus_readsEitherAttributeName_andIgnoresNonNumbers() {
    assertThat(SearchMatcher.httpStatus(span(Attributes.builder().put("http.response.status_code", 503L).build())))
        .isEqualTo(503);
    assertThat(SearchMatcher.httpStatus(span(Attributes.builder().put("http.status_code", " 404 ").build())))
        .isEqualTo(404);
    assertThat(SearchMatcher.httpStatus(span(Attributes.builder().put("http.status_code", "teapot").build())))
        .isNull();
    assertThat(SearchMatcher.httpStatus(span(Attributes.empty()))).isNull();
  }

  @Test
  void httpStatusAndAttribute_matchOnTheSpan() {
    TraceRecords trace = trace(List.of(span(Attributes.builder().put("http.response.status_code", 503L)
        .put("customer.tier", "gold").build())), List.of());

    assertThat(SearchMatcher.match(query().httpStatus(503).build(), trace)).isPresent();
    assertThat(SearchMatcher.match(query().httpStatus(500).build(), trace)).isEmpty();
    assertThat(SearchMatcher.match(query().attribute("customer.tier", "gold").build(), trace)).isPresent();
    assertThat(SearchMatcher.match(query().attribute("customer.tier", "silver").build(), trace)).isEmpty();
  }

  @Test
  void sessionAndView_mustHoldForOneResource() {
    RumResource resource = TestTelemetry.fullResource(traceId, TestTelemetry.randomSpanId());
    TraceRecords trace = trace(List.of(), List.of(resource));
    SearchQuery.Builder all = SearchQuery.builder(0, Long.MAX_VALUE);

    assertThat(SearchMatcher.match(all.appId("shop-web").sessionId("session-1").viewId("view-1").build(), trace))
        .hasValueSatisfying(s -> {
          assertThat(s.traceId()).isEqualTo(traceId);
          assertThat(s.rootService()).isEqualTo("shop-web");
          assertThat(s.resourceCount()).isEqualTo(1);
          assertThat(s.error()).isFalse();
        });
    assertThat(SearchMatcher.match(SearchQuery.builder(0, Long.MAX_VALUE).appId("shop-web").viewId("view-2")
        .build(), trace)).isEmpty();
    assertThat(SearchMatcher.match(SearchQuery.builder(0, Long.MAX_VALUE).appId("other").sessionId("session-1")
        .build(), trace)).isEmpty();
  }

  @Test
  void failedRequest_isNoResponseOrServerError() {
    RumResource ok = TestTelemetry.fullResource(traceId, TestTelemetry.randomSpanId());

    assertThat(SearchMatcher.isFailed(withStatus(ok, 200))).isFalse();
    assertThat(SearchMatcher.isFailed(withStatus(ok, 404))).isFalse();
    assertThat(SearchMatcher.isFailed(withStatus(ok, 0))).isTrue();
    assertThat(SearchMatcher.isFailed(withStatus(ok, 502))).isTrue();
    TraceRecords failed = trace(List.of(), List.of(withStatus(ok, 0)));
    assertThat(SearchMatcher.match(SearchQuery.builder(0, Long.MAX_VALUE).errorsOnly(true).build(), failed))
        .hasValueSatisfying(s -> assertThat(s.error()).isTrue());
  }

  @Test
  void emptyTrace_neverMatches() {
    assertThat(SearchMatcher.match(SearchQuery.builder(0, Long.MAX_VALUE).build(), trace(List.of(), List.of())))
        .isEmpty();
  }

  private SearchQuery.Builder query() {
    return SearchQuery.builder(T0, T0 + HOUR).service("cart");
  }

  private TraceRecords trace(List<Span> spans, List<RumResource> resources) {
    return new TraceRecords(traceId.key(), spans, resources);
  }

  private Span span(Attributes attributes) {
    return Span.builder().traceId(traceId).spanId(TestTelemetry.randomSpanId()).name("GET /cart")
        .startEpochNanos(T0).endEpochNanos(T0 + 1_000_000).status(SpanStatus.UNSET).attributes(attributes)
        .resource(Resource.of(Attributes.builder().put(Resource.SERVICE_NAME, "cart").build())).build();
  }

  private static RumResource withStatus(RumResource r, int status) {
    return new RumResource(r.eventId(), r.context(), r.epochNanos(), r.durationNanos(), r.type(), r.url(),
        r.method(), status, r.timing(), r.propagation(), r.traceHeaders(), r.attributes());
  }
}
