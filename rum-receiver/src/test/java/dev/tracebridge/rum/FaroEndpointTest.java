package dev.tracebridge.rum;

import static dev.tracebridge.rum.IntakeCalls.call;
import static dev.tracebridge.rum.IntakeCalls.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.core.ingest.IngestRequest;
import dev.tracebridge.core.ingest.IngestResponse;
import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.rum.HeaderFormat;
import dev.tracebridge.core.rum.PropagatedContext;
import dev.tracebridge.core.rum.ResourceTiming;
import dev.tracebridge.core.rum.ResourceType;
import dev.tracebridge.core.rum.RumError;
import dev.tracebridge.core.rum.RumResource;
import dev.tracebridge.core.rum.RumView;
import dev.tracebridge.core.rum.Sampling;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A Faro payload shaped as its web SDK sends it (grafana/faro-web-sdk: TransportBody in
 * packages/core/src/transports/types.ts, Meta in metas/types.ts, ExceptionEvent in api/exceptions/types.ts,
 * faro.tracing.* events from web-tracing/src/faroTraceExporter.utils.ts: string attributes plus duration_ns,
 * timestamp at the span's end, trace {trace_id, span_id}). Its embedded traces are the OTLP JSON a real
 * OpenTelemetry web SDK 2.12 exported in shared/fixtures (Faro embeds the same otlp-transformer output).
 */
class FaroEndpointTest {
  private static final String FETCH_TRACE = "70b7af70c3f45a3457abdade80457af6";
  private static final String FETCH_SPAN = "c6d0f991ef1dbd3e";

  private final RecordingSink sink = new RecordingSink();
  private final FaroEndpoint endpoint = new FaroEndpoint(sink, RumIntakeSettings.defaults());

  static String payload() throws IOException {
    String traces = Files.readString(IntakeCalls.fixtures().resolve("otel-web-2.12/otlp-traces-1.json"));
    return """
        {"meta":{"sdk":{"name":"@grafana/faro-web-sdk","version":"2.0.2"},
                 "app":{"name":"shop-web","version":"1.2.3","environment":"production"},
                 "session":{"id":"7Zk2kA92sT","attributes":{"test_session":"run-7"}},
                 "user":{"id":"user-42"},
                 "page":{"id":"page-1","url":"http://127.0.0.1:38905/cart"},
                 "browser":{"name":"Chrome","version":"156","os":"Linux","mobile":false},
                 "view":{"name":"default"}},
         "events":[
           {"name":"faro.tracing.fetch","domain":"browser","timestamp":"2026-11-25T13:42:49.499Z",
            "attributes":{"http.request.method":"GET","url.full":"http://localhost:46423/allow/otel-fetch",
                          "http.response.status_code":"200","server.address":"localhost","duration_ns":"28000000"},
            "trace":{"trace_id":"%s","span_id":"%s"}},
           {"name":"faro.tracing.xml-http-request","domain":"browser","timestamp":"2026-11-25T13:42:49.534Z",
            "attributes":{"http.method":"POST","http.url":"http://localhost:46423/allow/otel-xhr",
                          "http.status_code":"201","duration_ns":"30000000"},
            "trace":{"trace_id":"33bf7bf5b20a50c05849e695b964e9fc","span_id":"a06f99670c8a2025"},
            "action":{"name":"checkout","parentId":"act-1"}},
           {"name":"faro.tracing.fetch","domain":"browser","timestamp":"2026-11-25T13:42:50.000Z",
            "attributes":{"url.full":"http://localhost:46423/late","http.response.status_code":"0","duration_ns":"5000000"},
            "trace":{"trace_id":"0af7651916cd43dd8448eb211c80319c","span_id":"b7ad6b7169203331"}},
           {"name":"faro.performance.navigation","domain":"browser","timestamp":"2026-11-25T13:42:49.300Z",
            "attributes":{"ttfb":"9.1","totalNavigationTime":"250","domProcessingTime":"70.5","type":"navigate"}},
           {"name":"session_start","domain":"browser","timestamp":"2026-11-25T13:42:49.200Z"}],
         "exceptions":[
           {"type":"TypeError","value":"Cannot read properties of undefined (reading 'id')",
            "timestamp":"2026-11-25T13:42:49.600Z",
            "stacktrace":{"frames":[{"filename":"http://127.0.0.1:38905/app.js","function":"renderCart","lineno":10,"colno":5},
                                    {"filename":"http://127.0.0.1:38905/app.js","function":"main","lineno":2,"colno":1}]},
            "trace":{"trace_id":"%s","span_id":"%s"},"context":{"component":"cart"}}],
         "measurements":[{"type":"web-vitals","values":{"lcp":100.5,"cls":0.02},"timestamp":"2026-11-25T13:42:49.700Z"}],
         "logs":[{"message":"hello","level":"info","timestamp":"2026-11-25T13:42:49.800Z"}],
         "traces":%s}
        """.formatted(FETCH_TRACE, FETCH_SPAN, FETCH_TRACE, FETCH_SPAN, traces);
  }

  private static IngestRequest post(String body, Map<String, String> headers) {
    return new IngestRequest("POST", "/v1/rum/faro", Map.of(), headers, body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void path_isV1RumFaro() {
    assertThat(endpoint.path()).isEqualTo("/v1/rum/faro");
  }

  @Test
  void payload_storesRequestsExceptionAndPageAndCountsWhatItLeaves() throws IOException {
    IngestResponse response = call(endpoint, post(payload(), Map.of("content-type", "application/json")));

    assertThat(response.status()).isEqualTo(202);
    JsonNode receipt = json(response);
    assertThat(receipt.path("accepted").asInt()).isEqualTo(5);
    assertThat(receipt.path("rejected").asInt()).isZero();
    assertThat(receipt.path("skipped").asInt()).isEqualTo(2);
    assertThat(receipt.path("not_stored").asInt()).isEqualTo(4);
    assertThat(receipt.path("message").asString()).isEqualTo("4 embedded OTLP spans are not stored by this intake "
        + "(send them to /v1/traces); their start times and Resource Timing were applied to 2 resources");
    assertThat(sink.events(RumResource.class)).hasSize(3);
    assertThat(sink.events(RumError.class)).hasSize(1);
    assertThat(sink.events(RumView.class)).hasSize(1);
  }

  @Test
  void fetchEvent_takesItsSpansStartAndResourceTiming() throws IOException {
    call(endpoint, post(payload(), Map.of()));

    RumResource fetch = sink.events(RumResource.class).get(0);
    assertThat(fetch.eventId()).isEqualTo("faro-span-" + FETCH_SPAN);
    assertThat(fetch.type()).isEqualTo(ResourceType.FETCH);
    assertThat(fetch.url()).isEqualTo("http://localhost:46423/allow/otel-fetch");
    assertThat(fetch.method()).isEqualTo("GET");
    assertThat(fetch.statusCode()).isEqualTo(200);
    assertThat(fetch.epochNanos()).isEqualTo(1_795_614_169_471_000_000L);
    assertThat(fetch.durationNanos()).isEqualTo(28_000_000L);
    assertThat(fetch.timing()).isEqualTo(new ResourceTiming(ResourceTiming.UNKNOWN, ResourceTiming.UNKNOWN,
        11_399_902, 11_399_902, 11_399_902, 11_399_902, 11_399_902, ResourceTiming.UNKNOWN, 18_499_902,
        19_699_902, 19_999_902));
    assertThat(fetch.propagation()).containsExactly(new PropagatedContext(HeaderFormat.SDK_REPORTED,
        TraceId.fromHex(FETCH_TRACE), SpanId.fromHex(FETCH_SPAN), Sampling.SAMPLED));
    assertThat(fetch.context().appId()).isEqualTo("shop-web");
    assertThat(fetch.context().sessionId()).isEqualTo("7Zk2kA92sT");
    assertThat(fetch.context().viewId()).isEqualTo("page-1");
    assertThat(fetch.context().viewUrl()).isEqualTo("http://127.0.0.1:38905/cart");
    assertThat(fetch.context().userId()).isEqualTo("user-42");
    assertThat(fetch.context().labels()).containsOnly(Map.entry("version", "1.2.3"),
        Map.entry("env", "production"), Map.entry("test_session", "run-7"));
    assertThat(fetch.attributes().getText("server.address")).isEqualTo("localhost");
    assertThat(fetch.attributes().asMap()).doesNotContainKeys("url.full", "duration_ns", "http.request.method");
  }

  @Test
  void legacyAttributeNamesAndMissingSpan_areHandled() throws IOException {
    call(endpoint, post(payload(), Map.of()));

    RumResource xhr = sink.events(RumResource.class).get(1);
    assertThat(xhr.type()).isEqualTo(ResourceType.XHR);
    assertThat(xhr.method()).isEqualTo("POST");
    assertThat(xhr.url()).isEqualTo("http://localhost:46423/allow/otel-xhr");
    assertThat(xhr.statusCode()).isEqualTo(201);
    assertThat(xhr.attributes().getText("action.name")).isEqualTo("checkout");
    RumResource late = sink.events(RumResource.class).get(2);
    // No embedded span: the event is stamped at the request's end, so it started duration_ns earlier.
    assertThat(late.epochNanos()).isEqualTo(1_795_614_170_000_000_000L - 5_000_000L);
    assertThat(late.timing()).isNull();
    assertThat(late.statusCode()).isZero();
  }

  @Test
  void exception_becomesAnErrorWithARenderedStack() throws IOException {
    call(endpoint, post(payload(), Map.of()));

    RumError error = sink.events(RumError.class).get(0);
    assertThat(error.errorType()).isEqualTo("TypeError");
    assertThat(error.message()).isEqualTo("Cannot read properties of undefined (reading 'id')");
    assertThat(error.stack()).isEqualTo("TypeError: Cannot read properties of undefined (reading 'id')\n"
        + "  at renderCart (http://127.0.0.1:38905/app.js:10:5)\n  at main (http://127.0.0.1:38905/app.js:2:1)");
    assertThat(error.propagation()).extracting(PropagatedContext::traceId).containsExactly(TraceId.fromHex(FETCH_TRACE));
    assertThat(error.attributes().getText("context.component")).isEqualTo("cart");
  }

  @Test
  void page_becomesAViewWithNavigationAndVitalTimings() throws IOException {
    call(endpoint, post(payload(), Map.of()));

    RumView view = sink.events(RumView.class).get(0);
    assertThat(view.url()).isEqualTo("http://127.0.0.1:38905/cart");
    assertThat(view.timingsNanos()).containsEntry("first_byte", 9_100_000L).containsEntry("loading_time", 250_000_000L)
        .containsEntry("faro.domProcessingTime", 70_500_000L).containsEntry("largest_contentful_paint", 100_500_000L);
    assertThat(view.attributes().getText("navigation.type")).isEqualTo("navigate");
    assertThat(view.attributes().get("web_vitals.cls").asText()).isEqualTo("0.02");
    assertThat(view.attributes().getText("browser.name")).isEqualTo("Chrome");
  }

  @Test
  void sameViewFromALaterBatch_hasTheSameIdAndAHigherVersion() throws IOException {
    call(endpoint, post(payload(), Map.of()));
    call(endpoint, post(payload().replace("2026-11-25T13:42:49.700Z", "2026-11-25T13:43:10.000Z"), Map.of()));

    var views = sink.events(RumView.class);
    assertThat(views.get(1).eventId()).isEqualTo(views.get(0).eventId());
    assertThat(views.get(1).documentVersion()).isGreaterThan(views.get(0).documentVersion());
  }

  @Test
  void payloadWithoutAppName_answers400NamingIt() {
    String body = "{\"meta\":{\"session\":{\"id\":\"s\"}},\"exceptions\":[{\"type\":\"Error\",\"value\":\"x\","
        + "\"timestamp\":\"2026-11-25T13:42:49.600Z\"}]}";

    IngestResponse response = call(endpoint, post(body, Map.of()));

    assertThat(response.status()).isEqualTo(400);
    assertThat(json(response).path("errors").get(0).path("reason").asString())
        .isEqualTo("exceptions[0]: meta.app.name: missing (expected: the application's name)");
  }

  @Test
  void badItems_areRejectedByListAndPosition() {
    String body = "{\"meta\":{\"app\":{\"name\":\"a\"}},\"events\":[{\"name\":\"faro.tracing.fetch\","
        + "\"timestamp\":\"yesterday\",\"attributes\":{\"url.full\":\"http://x\"}}, 3],"
        + "\"exceptions\":[{\"type\":\"Error\",\"value\":\"ok\",\"timestamp\":\"2026-11-25T13:42:49.600Z\"}]}";

    IngestResponse response = call(endpoint, post(body, Map.of()));

    assertThat(response.status()).isEqualTo(202);
    assertThat(json(response).path("errors")).extracting(e -> e.path("reason").asString()).containsExactly(
        "events[0]: timestamp: 'yesterday' (expected: an ISO-8601 instant)",
        "events[1]: number (expected: an object)");
    assertThat(sink.events(RumError.class)).hasSize(1);
  }

  @Test
  void sessionHeader_isTheFallbackSession() {
    String body = "{\"meta\":{\"app\":{\"name\":\"a\"}},\"exceptions\":[{\"type\":\"Error\",\"value\":\"x\","
        + "\"timestamp\":\"2026-11-25T13:42:49.600Z\"}]}";

    call(endpoint, post(body, Map.of("x-faro-session-id", "hdr-session")));

    assertThat(sink.events().get(0).context().sessionId()).isEqualTo("hdr-session");
  }

  @Test
  void bodyThatIsNotAnObject_answers400() {
    IngestResponse response = call(endpoint, post("[1,2]", Map.of()));

    assertThat(response.status()).isEqualTo(400);
    assertThat(json(response).path("detail").asString())
        .isEqualTo("body: not a JSON object (expected: Faro's {meta, events, ...})");
  }

  @Test
  void apiKeyHeader_servesAsTheAppKeyOfTheAllowList() throws IOException {
    var byKey = new FaroEndpoint(sink, new RumIntakeSettings(Set.of("faro-key"), 0, 1000, 1 << 20));

    assertThat(call(byKey, post(payload(), Map.of("x-api-key", "faro-key"))).status()).isEqualTo(202);
    assertThat(call(byKey, post(payload(), Map.of())).status()).isEqualTo(403);
  }
}
