package dev.tracebridge.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.core.model.Attributes;
import dev.tracebridge.core.model.InstrumentationScope;
import dev.tracebridge.core.model.Resource;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.SpanEvent;
import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.SpanKind;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.rum.HeaderFormat;
import dev.tracebridge.core.rum.PropagatedContext;
import dev.tracebridge.core.rum.ResourceTiming;
import dev.tracebridge.core.rum.ResourceType;
import dev.tracebridge.core.rum.RumEvent;
import dev.tracebridge.core.rum.RumResource;
import dev.tracebridge.core.rum.Sampling;
import dev.tracebridge.core.storage.TestTelemetry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class BrowserResourcesTest {
  private static final String FIXTURE = "otel-web-2.12/";
  private static final Pattern TRACEPARENT = Pattern.compile("\"traceparent\"\\s*:\\s*\"([^\"]+)\"");
  private static final long MS = 1_000_000;
  private static final long T0 = 1_795_614_169_000L * MS;
  private static final TraceId TRACE = TraceId.fromHex("4bf92f3577b34da6a3ce929d0e0e4736");
  private static final SpanId SERVER_SPAN = SpanId.fromHex("00f067aa0ba902b7");
  private static final InstrumentationScope DOCUMENT_LOAD = scope("@opentelemetry/instrumentation-document-load");
  private static final Resource WEB_APP = Resource.of(Attributes.builder()
      .put("service.name", "shop-web").put("telemetry.sdk.language", "webjs").build());
  /** W3C sampled plus OTLP's "has is-remote" and "is remote" bits: a parent from the page's meta tag. */
  private static final int SAMPLED_REMOTE_PARENT = 0x301;

  @Test
  void webSdkFixture_oneResourcePerFetchAndXhrSpan() throws Exception {
    List<RumResource> resources = fixtureResources();

    assertThat(resources).extracting(RumResource::eventId).containsExactly("otel-c6d0f991ef1dbd3e",
        "otel-f1a992dfd4fe87a5", "otel-39456cab979083e1", "otel-a06f99670c8a2025");
    assertThat(resources).extracting(RumResource::type).containsExactly(
        ResourceType.FETCH, ResourceType.FETCH, ResourceType.FETCH, ResourceType.XHR);
    RumResource fetch = resources.get(0);
    assertThat(fetch.url()).isEqualTo("http://localhost:46423/allow/otel-fetch");
    assertThat(fetch.method()).isEqualTo("GET");
    assertThat(fetch.statusCode()).isEqualTo(200);
    assertThat(fetch.epochNanos()).isEqualTo(1_795_614_169_471_000_000L);
    assertThat(fetch.durationNanos()).isEqualTo(28 * MS);
    assertThat(fetch.context().appId()).isEqualTo("probe-web-otel");
    assertThat(fetch.context().sessionId()).isNull();
    assertThat(fetch.context().labels()).containsExactlyInAnyOrderEntriesOf(
        Map.of("version", "1.2.3", "env", "ci"));
    assertThat(fetch.attributes().asMap()).containsOnlyKeys("server.address", "server.port");
    assertThat(fetch.propagation()).containsExactly(new PropagatedContext(HeaderFormat.W3C,
        TraceId.fromHex("70b7af70c3f45a3457abdade80457af6"), SpanId.fromHex("c6d0f991ef1dbd3e"),
        Sampling.SAMPLED));
  }

  @Test
  void webSdkFixture_timingMarksRelativeToTheSpanStart() throws Exception {
    List<RumResource> resources = fixtureResources();

    assertThat(resources.get(0).timing()).isEqualTo(new ResourceTiming(ResourceTiming.UNKNOWN,
        ResourceTiming.UNKNOWN, 11_399_902, 11_399_902, 11_399_902, 11_399_902, 11_399_902,
        ResourceTiming.UNKNOWN, 18_499_902, 19_699_902, 19_999_902));
    ResourceTiming xhr = resources.get(3).timing();
    assertThat(xhr.fetchStart()).isEqualTo(7_599_951);
    assertThat(xhr.requestStart()).isEqualTo(13_299_951);
    assertThat(xhr.responseStart()).isEqualTo(25_199_951);
    assertThat(xhr.responseEnd()).isEqualTo(28_099_951);
    // Cross-origin without Timing-Allow-Origin: the browser zeroed the request marks, the SDK left them out.
    ResourceTiming opaque = resources.get(2).timing();
    assertThat(opaque.fetchStart()).isEqualTo(400_049);
    assertThat(opaque.responseEnd()).isEqualTo(6_800_049);
    assertThat(opaque.requestStart()).isEqualTo(ResourceTiming.UNKNOWN);
    assertThat(opaque.hasRequestWindow()).isFalse();
  }

  @Test
  void webSdkFixture_everyTraceparentABackendReceivedIsAResourcesContext() throws Exception {
    String received = new String(Fixtures.read(FIXTURE + "backend-received-headers.json"),
        StandardCharsets.UTF_8);
    List<String> traceparents = TRACEPARENT.matcher(received).results().map(m -> m.group(1)).toList();

    List<String> propagated = fixtureResources().stream()
        .map(r -> r.propagation().get(0))
        .map(c -> "00-" + c.traceId().toHex() + "-" + c.spanId().toHex() + "-01")
        .collect(Collectors.toList());

    assertThat(traceparents).hasSize(3);
    // The fourth request's URL was not in propagateTraceHeaderCorsUrls: a span, but no header sent.
    assertThat(propagated).hasSize(4).containsAll(traceparents);
  }

  @Test
  void backendSpans_noResources() {
    Span server = TestTelemetry.fullSpan(TRACE, SERVER_SPAN, null);
    Span client = server.toBuilder().spanId(SpanId.fromHex("1111111111111111")).kind(SpanKind.CLIENT)
        .parentSpanId(SERVER_SPAN).build();

    assertThat(BrowserResources.of(List.of(server, client))).isEmpty();
  }

  @Test
  void documentLoadWithMetaTraceparent_documentResourceCarriesTheServersContext() {
    SpanId load = SpanId.fromHex("aaaaaaaaaaaaaaaa");
    Span documentLoad = browserSpan("documentLoad", load, SERVER_SPAN).flags(SAMPLED_REMOTE_PARENT)
        .attributes(Attributes.builder().put("url.full", "https://shop.example/cart")
            .put("user_agent.original", "Mozilla/5.0").build()).build();
    Span documentFetch = browserSpan("documentFetch", SpanId.fromHex("bbbbbbbbbbbbbbbb"), load)
        .attributes(Attributes.builder().put("url.full", "https://shop.example/cart").build())
        .events(List.of(mark("fetchStart", 0), mark("requestStart", 3), mark("responseStart", 40))).build();
    Span script = browserSpan("resourceFetch", SpanId.fromHex("cccccccccccccccc"), load)
        .attributes(Attributes.builder().put("http.url", "https://cdn.shop.example/app.js").build()).build();

    List<RumResource> resources = resources(List.of(documentLoad, documentFetch, script));

    assertThat(resources).hasSize(2);
    RumResource document = resources.get(0);
    assertThat(document.type()).isEqualTo(ResourceType.DOCUMENT);
    assertThat(document.method()).isEqualTo("GET");
    assertThat(document.statusCode()).isZero();
    assertThat(document.context().viewUrl()).isEqualTo("https://shop.example/cart");
    assertThat(document.propagation()).containsExactly(
        new PropagatedContext(HeaderFormat.RESPONSE, TRACE, SERVER_SPAN, Sampling.SAMPLED));
    assertThat(document.timing().requestStart()).isEqualTo(3 * MS);
    RumResource loaded = resources.get(1);
    assertThat(loaded.type()).isEqualTo(ResourceType.OTHER);
    assertThat(loaded.url()).isEqualTo("https://cdn.shop.example/app.js");
    assertThat(loaded.propagation()).isEmpty();
    assertThat(loaded.timing()).isNull();
  }

  @Test
  void documentLoadWithoutMetaTag_documentResourceHasNoContext() {
    SpanId load = SpanId.fromHex("aaaaaaaaaaaaaaaa");
    Span documentLoad = browserSpan("documentLoad", load, null).build();
    Span documentFetch = browserSpan("documentFetch", SpanId.fromHex("bbbbbbbbbbbbbbbb"), load).build();

    List<RumResource> resources = resources(List.of(documentLoad, documentFetch));

    assertThat(resources).singleElement().satisfies(r -> assertThat(r.propagation()).isEmpty());
  }

  @Test
  void resourceFetchNamedSpanOfABackend_isNotABrowserRequest() {
    Span backend = Span.builder().traceId(TRACE).spanId(SERVER_SPAN).name("resourceFetch")
        .resource(Resource.of(Attributes.builder().put("service.name", "cdn-sync")
            .put("telemetry.sdk.language", "java").build()))
        .scope(scope("io.opentelemetry.jdbc")).build();

    assertThat(BrowserResources.of(List.of(backend))).isEmpty();
  }

  @Test
  void webjsResourceWithAnotherDocumentLoadScope_stillRecognised() {
    Span documentFetch = browserSpan("documentFetch", SpanId.fromHex("bbbbbbbbbbbbbbbb"), null)
        .scope(scope("@acme/document-timing")).build();

    assertThat(resources(List.of(documentFetch))).singleElement()
        .satisfies(r -> assertThat(r.type()).isEqualTo(ResourceType.DOCUMENT));
  }

  @Test
  void fetchSpanWithSessionFailureAndUnsampledFlag_mapsThemAll() {
    Span fetch = Span.builder().traceId(TRACE).spanId(SERVER_SPAN).name("POST").kind(SpanKind.CLIENT)
        .startEpochNanos(T0).endEpochNanos(T0 + 5 * MS).flags(0x100)
        .attributes(Attributes.builder().put("http.method", "POST")
            .put("http.url", "https://api.shop.example/cart").put("http.status_code", 0L)
            .put("session.id", "s-42").put("user.id", "u-7").build())
        .resource(WEB_APP).scope(scope("@opentelemetry/instrumentation-fetch")).build();

    RumResource resource = resources(List.of(fetch)).get(0);

    assertThat(resource.method()).isEqualTo("POST");
    assertThat(resource.url()).isEqualTo("https://api.shop.example/cart");
    assertThat(resource.statusCode()).isZero();
    assertThat(resource.context().sessionId()).isEqualTo("s-42");
    assertThat(resource.context().userId()).isEqualTo("u-7");
    assertThat(resource.timing()).isNull();
    assertThat(resource.propagation().get(0).sampling()).isEqualTo(Sampling.NOT_SAMPLED);
  }

  @Test
  void markBeforeTheMillisecondRoundedStart_clampedToZero() {
    Span xhr = Span.builder().traceId(TRACE).spanId(SERVER_SPAN).name("GET").kind(SpanKind.CLIENT)
        .startEpochNanos(T0).endEpochNanos(T0 + 5 * MS)
        .events(List.of(new SpanEvent("fetchStart", T0 - 300_000, Attributes.empty(), 0)))
        .resource(WEB_APP).scope(scope("@opentelemetry/instrumentation-xml-http-request")).build();

    assertThat(resources(List.of(xhr)).get(0).timing().fetchStart()).isZero();
  }

  private static List<RumResource> fixtureResources() throws Exception {
    byte[] json = Fixtures.read(FIXTURE + "otlp-traces-1.json");
    return resources(new OtlpJsonTraceDecoder(OtlpLimits.defaults()).decode(json).spans());
  }

  private static List<RumResource> resources(List<Span> spans) {
    List<RumEvent> events = BrowserResources.of(spans);
    assertThat(events).allMatch(RumResource.class::isInstance);
    return events.stream().map(RumResource.class::cast).toList();
  }

  private static Span.Builder browserSpan(String name, SpanId id, @Nullable SpanId parent) {
    return Span.builder().traceId(TRACE).spanId(id).parentSpanId(parent).name(name)
        .kind(SpanKind.INTERNAL).flags(0x101).startEpochNanos(T0).endEpochNanos(T0 + 50 * MS)
        .resource(WEB_APP).scope(DOCUMENT_LOAD);
  }

  private static SpanEvent mark(String name, long millisAfterStart) {
    return new SpanEvent(name, T0 + millisAfterStart * MS, Attributes.empty(), 0);
  }

  private static InstrumentationScope scope(String name) {
    return new InstrumentationScope(name, "0.1.0", Attributes.empty(), 0, "");
  }
}
