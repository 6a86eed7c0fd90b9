package dev.tracebridge.rum;

import static dev.tracebridge.rum.IntakeCalls.call;
import static dev.tracebridge.rum.IntakeCalls.json;
import static dev.tracebridge.rum.IntakeCalls.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.core.ingest.IngestResponse;
import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.rum.HeaderFormat;
import dev.tracebridge.core.rum.PropagatedContext;
import dev.tracebridge.core.rum.ResourceTiming;
import dev.tracebridge.core.rum.ResourceType;
import dev.tracebridge.core.rum.RumAction;
import dev.tracebridge.core.rum.RumContext;
import dev.tracebridge.core.rum.RumError;
import dev.tracebridge.core.rum.RumLongTask;
import dev.tracebridge.core.rum.RumResource;
import dev.tracebridge.core.rum.RumView;
import dev.tracebridge.core.rum.Sampling;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class NativeRumEndpointTest {
  /** Issue 2, item 4: the minimum shape, exactly as written there. */
  static final String ISSUE_2_RESOURCE = """
      {"type":"resource","date":1700000000000,"app":{"id":"shop-web"},"session":{"id":"s-1"},
      "view":{"id":"v-1","url":"https://shop.example/cart"},"resource":{"url":"https://api.shop.example/cart",
      "method":"GET","status_code":200,"duration_ms":42.5},
      "trace":{"headers":{"traceparent":"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"}}}""";

  private final RecordingSink sink = new RecordingSink();
  private final NativeRumEndpoint endpoint = new NativeRumEndpoint(sink, RumIntakeSettings.defaults());

  @Test
  void path_isV1Rum() {
    assertThat(endpoint.path()).isEqualTo("/v1/rum");
  }

  @Test
  void issue2MinimumShape_isStoredWithItsW3cContext() {
    IngestResponse response = call(endpoint, post("/v1/rum", "[" + ISSUE_2_RESOURCE + "]"));

    assertThat(response.status()).isEqualTo(202);
    assertThat(json(response).path("accepted").asInt()).isEqualTo(1);
    assertThat(json(response).path("rejected").asInt()).isZero();
    RumResource resource = sink.events(RumResource.class).get(0);
    assertThat(resource.context()).isEqualTo(
        new RumContext("shop-web", "s-1", "v-1", "https://shop.example/cart", null, Map.of()));
    assertThat(resource.epochNanos()).isEqualTo(1_700_000_000_000_000_000L);
    assertThat(resource.url()).isEqualTo("https://api.shop.example/cart");
    assertThat(resource.method()).isEqualTo("GET");
    assertThat(resource.statusCode()).isEqualTo(200);
    assertThat(resource.durationNanos()).isEqualTo(42_500_000L);
    assertThat(resource.propagation()).containsExactly(new PropagatedContext(HeaderFormat.W3C,
        TraceId.fromHex("0af7651916cd43dd8448eb211c80319c"), SpanId.fromHex("b7ad6b7169203331"), Sampling.SAMPLED));
    assertThat(resource.traceHeaders())
        .containsEntry("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
  }

  @Test
  void ndjsonBody_isReadOneEventPerLine() {
    String ndjson = ISSUE_2_RESOURCE.replace("\n", "") + "\n\n" + ISSUE_2_RESOURCE.replace("\n", "")
        .replace("\"s-1\"", "\"s-2\"") + "\n";

    IngestResponse response = call(endpoint, post("/v1/rum", ndjson));

    assertThat(response.status()).isEqualTo(202);
    assertThat(sink.events(RumResource.class)).extracting(r -> r.context().sessionId()).containsExactly("s-1", "s-2");
  }

  @Test
  void everyType_mapsToItsCoreRecord() {
    String batch = """
        [{"schema":"tracebridge.rum/1","type":"view","date":1700000000000,
          "app":{"id":"shop-web","version":"1.2.3","env":"prod","service":"web"},
          "session":{"id":"s-1"},"user":{"id":"u-42"},"labels":{"test_session":"run-7"},
          "view":{"id":"v-1","url":"https://shop.example/","referrer":"https://search.example/",
                  "document_version":3,"loading_time_ms":120,"time_spent_ms":5000,
                  "timings":{"first_byte":15.5,"dom_interactive":80}}},
         {"type":"error","date":1700000000100,"app":{"id":"shop-web"},
          "error":{"message":"boom","type":"TypeError","stack":"at a (b.js:1:2)","source":"source"}},
         {"type":"action","date":1700000000200,"app":{"id":"shop-web"},
          "action":{"type":"click","name":"Add to cart","duration_ms":30}},
         {"type":"long_task","date":1700000000300,"app":{"id":"shop-web"},"long_task":{"duration_ms":75}}]
        """;

    IngestResponse response = call(endpoint, post("/v1/rum", batch));

    assertThat(json(response).path("accepted").asInt()).isEqualTo(4);
    RumView view = sink.events(RumView.class).get(0);
    assertThat(view.eventId()).isEqualTo("v-1");
    assertThat(view.referrer()).isEqualTo("https://search.example/");
    assertThat(view.documentVersion()).isEqualTo(3);
    assertThat(view.durationNanos()).isEqualTo(5_000_000_000L);
    assertThat(view.timingsNanos()).containsOnly(Map.entry("loading_time", 120_000_000L),
        Map.entry("first_byte", 15_500_000L), Map.entry("dom_interactive", 80_000_000L));
    assertThat(view.context().labels()).containsOnly(Map.entry("test_session", "run-7"),
        Map.entry("version", "1.2.3"), Map.entry("env", "prod"), Map.entry("service", "web"));
    assertThat(view.context().userId()).isEqualTo("u-42");
    RumError error = sink.events(RumError.class).get(0);
    assertThat(error.message()).isEqualTo("boom");
    assertThat(error.errorType()).isEqualTo("TypeError");
    assertThat(error.stack()).isEqualTo("at a (b.js:1:2)");
    RumAction action = sink.events(RumAction.class).get(0);
    assertThat(action.actionType()).isEqualTo("click");
    assertThat(action.name()).isEqualTo("Add to cart");
    assertThat(action.durationNanos()).isEqualTo(30_000_000L);
    assertThat(sink.events(RumLongTask.class).get(0).durationNanos()).isEqualTo(75_000_000L);
  }

  @Test
  void resourceTiming_isConvertedToNanosAndAbsentMarksStayUnknown() {
    String event = ISSUE_2_RESOURCE.replace("\"duration_ms\":42.5}", """
        "duration_ms":42.5,"type":"fetch","timing":{"fetch_start":0,"domain_lookup_start":1,
        "domain_lookup_end":2,"connect_start":2,"connect_end":5,"secure_connection_start":3,
        "request_start":5.5,"response_start":30,"response_end":42}}""");

    call(endpoint, post("/v1/rum", "[" + event + "]"));

    RumResource resource = sink.events(RumResource.class).get(0);
    assertThat(resource.type()).isEqualTo(ResourceType.FETCH);
    assertThat(resource.timing()).isEqualTo(new ResourceTiming(ResourceTiming.UNKNOWN, ResourceTiming.UNKNOWN, 0,
        1_000_000, 2_000_000, 2_000_000, 5_000_000, 3_000_000, 5_500_000, 30_000_000, 42_000_000));
    assertThat(resource.timing().hasRequestWindow()).isTrue();
  }

  @Test
  void mixedBatch_keepsValidEventsListsRejectedAndCountsUnknownTypes() {
    String batch = "[" + ISSUE_2_RESOURCE + ","
        + "{\"type\":\"resource\",\"app\":{\"id\":\"shop-web\"},\"resource\":{\"url\":\"https://x\"}},"
        + "{\"type\":\"vital\",\"date\":1700000000000,\"app\":{\"id\":\"shop-web\"}}]";

    IngestResponse response = call(endpoint, post("/v1/rum", batch));

    assertThat(response.status()).isEqualTo(202);
    JsonNode receipt = json(response);
    assertThat(receipt.path("accepted").asInt()).isEqualTo(1);
    assertThat(receipt.path("rejected").asInt()).isEqualTo(1);
    assertThat(receipt.path("skipped").asInt()).isEqualTo(1);
    assertThat(receipt.path("errors").get(0).path("index").asInt()).isEqualTo(1);
    assertThat(receipt.path("errors").get(0).path("reason").asString()).isEqualTo("date: missing");
    assertThat(sink.events()).hasSize(1);
  }

  @Test
  void batchWithoutValidEvent_answers400WithEveryReason() {
    String batch = "[{\"type\":\"resource\",\"date\":1700000000000,\"app\":{}},"
        + "{\"type\":\"error\",\"date\":-1,\"app\":{\"id\":\"a\"},\"error\":{\"message\":\"m\"}}, 7]";

    IngestResponse response = call(endpoint, post("/v1/rum", batch));

    assertThat(response.status()).isEqualTo(400);
    JsonNode problem = json(response);
    assertThat(problem.path("type").asString()).isEqualTo("about:blank");
    assertThat(problem.path("status").asInt()).isEqualTo(400);
    assertThat(problem.path("detail").asString()).contains("no valid event");
    assertThat(problem.path("errors")).extracting(e -> e.path("reason").asString()).containsExactly(
        "app.id: missing", "date: -1 (expected: epoch milliseconds > 0)", "event: number (expected: an object)");
    assertThat(sink.events()).isEmpty();
  }

  @Test
  void fieldOfWrongType_isRejectedNamingTheField() {
    String event = ISSUE_2_RESOURCE.replace("\"status_code\":200", "\"status_code\":\"200\"");

    IngestResponse response = call(endpoint, post("/v1/rum", "[" + event + "]"));

    assertThat(response.status()).isEqualTo(400);
    assertThat(json(response).path("errors").get(0).path("reason").asString())
        .isEqualTo("resource.status_code: string (expected: a number)");
  }

  @Test
  void malformedJson_answers400WithWhereItBroke() {
    IngestResponse response = call(endpoint, post("/v1/rum", "[{\"type\":\"view\","));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.contentType()).isEqualTo("application/json");
    assertThat(json(response).path("detail").asString()).startsWith("body: malformed JSON at line 1");
  }

  @Test
  void emptyBody_answers400() {
    IngestResponse response = call(endpoint, post("/v1/rum", "  \n"));

    assertThat(response.status()).isEqualTo(400);
    assertThat(json(response).path("detail").asString()).startsWith("body: empty");
  }

  @Test
  void emptyArray_answers400() {
    IngestResponse response = call(endpoint, post("/v1/rum", "[]"));

    assertThat(response.status()).isEqualTo(400);
    assertThat(json(response).path("detail").asString()).isEqualTo("body: holds no events (expected: at least one)");
  }

  @Test
  void otherSchemaVersion_isRejected() {
    String event = ISSUE_2_RESOURCE.replace("{\"type\"", "{\"schema\":\"tracebridge.rum/2\",\"type\"");

    IngestResponse response = call(endpoint, post("/v1/rum", "[" + event + "]"));

    assertThat(json(response).path("errors").get(0).path("reason").asString())
        .isEqualTo("schema: 'tracebridge.rum/2' (expected: tracebridge.rum/1)");
  }

  @Test
  void eventWithoutId_getsTheSameIdWhateverItsKeyOrder() {
    String reordered = """
        {"trace":{"headers":{"traceparent":"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"}},
        "resource":{"duration_ms":42.5,"status_code":200,"method":"GET","url":"https://api.shop.example/cart"},
        "view":{"url":"https://shop.example/cart","id":"v-1"},"session":{"id":"s-1"},"app":{"id":"shop-web"},
        "date":1700000000000,"type":"resource"}""";

    call(endpoint, post("/v1/rum", "[" + ISSUE_2_RESOURCE + "," + reordered + "]"));
    call(endpoint, post("/v1/rum", "[" + ISSUE_2_RESOURCE.replace("42.5", "43") + "]"));

    var ids = sink.events().stream().map(e -> e.eventId()).toList();
    assertThat(ids.get(0)).matches("[0-9a-f]{32}").isEqualTo(ids.get(1));
    assertThat(ids.get(2)).isNotEqualTo(ids.get(0));
  }

  @Test
  void explicitId_isKept() {
    call(endpoint, post("/v1/rum", "[" + ISSUE_2_RESOURCE.replace("{\"type\"", "{\"id\":\"ev-9\",\"type\"") + "]"));

    assertThat(sink.events().get(0).eventId()).isEqualTo("ev-9");
  }

  @Test
  void fieldsTheSchemaDoesNotName_areKeptAsAttributes() {
    String event = ISSUE_2_RESOURCE.replace("\"duration_ms\":42.5}",
        "\"duration_ms\":42.5,\"transfer_size\":1692,\"protocol\":\"h2\"},\"device\":{\"type\":\"mobile\"},"
            + "\"tags\":[\"a\",1]");

    call(endpoint, post("/v1/rum", "[" + event + "]"));

    var attributes = sink.events(RumResource.class).get(0).attributes();
    assertThat(attributes.get("resource.transfer_size").asText()).isEqualTo("1692");
    assertThat(attributes.getText("resource.protocol")).isEqualTo("h2");
    assertThat(attributes.getText("device.type")).isEqualTo("mobile");
    assertThat(attributes.getText("tags")).isEqualTo("[a, 1]");
    assertThat(attributes.asMap()).doesNotContainKeys("resource.url", "app.id", "date", "type");
  }

  @Test
  void everyHeaderFormatSent_becomesOneContext() {
    String event = ISSUE_2_RESOURCE.replace("\"traceparent\":", """
        "X-Datadog-Trace-Id":"5022023626287078999","x-datadog-parent-id":"7079473598917281266",
        "x-datadog-sampling-priority":"1","b3":"45b1cfe15a75de57-623f57bac43885f2-1","TraceParent":""")
        .replace("0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331", "000000000000000045b1cfe15a75de57-623f57bac43885f2");

    call(endpoint, post("/v1/rum", "[" + event + "]"));

    RumResource resource = sink.events(RumResource.class).get(0);
    assertThat(resource.propagation()).extracting(PropagatedContext::format)
        .containsExactly(HeaderFormat.W3C, HeaderFormat.B3_SINGLE, HeaderFormat.DATADOG);
    assertThat(resource.propagation()).extracting(c -> c.traceId().toHex()).containsOnly("000000000000000045b1cfe15a75de57");
  }

  @Test
  void malformedHeader_isSkippedAndReportedAsAttribute() {
    String event = ISSUE_2_RESOURCE.replace("\"traceparent\":\"00-", "\"b3\":\"nonsense-x\",\"traceparent\":\"00-");

    IngestResponse response = call(endpoint, post("/v1/rum", "[" + event + "]"));

    assertThat(response.status()).isEqualTo(202);
    RumResource resource = sink.events(RumResource.class).get(0);
    assertThat(resource.propagation()).extracting(PropagatedContext::format).containsExactly(HeaderFormat.W3C);
    assertThat(resource.attributes().getText("trace.header_errors"))
        .isEqualTo("b3: trace id 'nonsense' (expected: 16 or 32 hex digits)");
    assertThat(resource.traceHeaders()).containsEntry("b3", "nonsense-x");
  }

  @Test
  void baggageSessionId_fillsAMissingSession() {
    String event = ISSUE_2_RESOURCE.replace("\"session\":{\"id\":\"s-1\"},", "")
        .replace("\"traceparent\":", "\"baggage\":\"session.id=69654f02-b78f,user.id=user-42\",\"traceparent\":");

    call(endpoint, post("/v1/rum", "[" + event + "]"));

    assertThat(sink.events().get(0).context().sessionId()).isEqualTo("69654f02-b78f");
  }

  @Test
  void documentLoad_linksThroughMetaAndServerTimingAsResponseContexts() {
    String event = """
        {"type":"resource","date":1700000000000,"app":{"id":"shop-web"},
         "resource":{"type":"document","url":"https://shop.example/","status_code":200,"duration_ms":120},
         "trace":{"meta":{"traceparent":"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"},
                  "response_headers":{"Server-Timing":"cdn;dur=3, traceparent;desc=\\"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\\""}}}""";

    call(endpoint, post("/v1/rum", "[" + event + "]"));

    RumResource resource = sink.events(RumResource.class).get(0);
    assertThat(resource.type()).isEqualTo(ResourceType.DOCUMENT);
    assertThat(resource.propagation()).containsExactly(new PropagatedContext(HeaderFormat.RESPONSE,
        TraceId.fromHex("4bf92f3577b34da6a3ce929d0e0e4736"), SpanId.fromHex("00f067aa0ba902b7"), Sampling.SAMPLED));
    assertThat(resource.primaryContext()).isEqualTo(resource.propagation().get(0));
  }

  @Test
  void viewCopiesInOneBatch_storeOnlyTheHighestDocumentVersion() {
    String view = "{\"type\":\"view\",\"date\":1700000000000,\"app\":{\"id\":\"a\"},"
        + "\"view\":{\"id\":\"v-1\",\"url\":\"https://x/\",\"document_version\":%d,\"time_spent_ms\":%d}}";

    IngestResponse response = call(endpoint, post("/v1/rum",
        "[" + view.formatted(2, 200) + "," + view.formatted(5, 500) + "," + view.formatted(4, 400) + "]"));

    assertThat(json(response).path("accepted").asInt()).isEqualTo(3);
    assertThat(sink.events(RumView.class)).singleElement()
        .satisfies(v -> assertThat(v.documentVersion()).isEqualTo(5));
  }

  @Test
  void gzipBody_isInflated() throws Exception {
    var bytes = new java.io.ByteArrayOutputStream();
    try (var gzip = new java.util.zip.GZIPOutputStream(bytes)) {
      gzip.write(("[" + ISSUE_2_RESOURCE + "]").getBytes(StandardCharsets.UTF_8));
    }

    IngestResponse response = call(endpoint, post("/v1/rum", bytes.toByteArray(), Map.of(), Map.of()));

    assertThat(response.status()).isEqualTo(202);
    assertThat(sink.events()).hasSize(1);
  }

  @Test
  void getRequest_answers405() {
    IngestResponse response = call(endpoint,
        new dev.tracebridge.core.ingest.IngestRequest("GET", "/v1/rum", Map.of(), Map.of(), new byte[0]));

    assertThat(response.status()).isEqualTo(405);
    assertThat(response.headers()).containsEntry("Allow", "POST");
  }
}
