package dev.tracebridge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The walking skeleton, as a user would run it: {@code ./tracebridge} with its embedded Cassandra,
 * backend spans from the real OpenTelemetry Java SDK over gRPC and HTTP/protobuf, a RUM resource
 * carrying the same trace's traceparent, and the joined trace read back through the API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WalkingSkeletonIT {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  // Static: an instance @TempDir is not yet injected when a PER_CLASS @BeforeAll runs.
  @TempDir static Path dataDir;
  private EngineProcess engine;

  @BeforeAll
  void startEngine() throws Exception {
    engine = EngineProcess.start(dataDir.resolve("data"));
  }

  @AfterAll
  void stopEngine() throws Exception {
    if (engine != null) engine.close();
  }

  @Test
  void grpcSpansThenBrowserResource_joinOnTraceparent() throws Exception {
    String traceId = hex(16);
    String browserSpanId = hex(8);
    List<String> spanIds = exportBackendSpans(grpcExporter(), traceId, browserSpanId);

    postResource("res-grpc-" + traceId, traceId, browserSpanId);

    JsonNode trace = readTrace(traceId);
    assertThat(trace.get("traceId").asString()).isEqualTo(traceId);
    assertThat(trace.get("spans")).hasSize(2);
    assertThat(trace.at("/rum/resources/0/url").asString()).isEqualTo("https://api.shop.example/cart");
    assertThat(trace.at("/rum/resources/0/spanId").asString()).isEqualTo(browserSpanId);
    JsonNode link = trace.at("/links/0");
    assertThat(link.get("resourceEventId").asString()).isEqualTo("res-grpc-" + traceId);
    assertThat(link.get("propagatedSpanId").asString()).isEqualTo(browserSpanId);
    assertThat(link.get("childSpanId").asString()).isEqualTo(spanIds.get(0));
    assertThat(trace.get("links")).hasSize(1);
  }

  @Test
  void browserResourceThenHttpProtobufSpans_joinTheSame() throws Exception {
    String traceId = hex(16);
    String browserSpanId = hex(8);
    postResource("res-http-" + traceId, traceId, browserSpanId);

    // Acknowledged means durable and queryable: the browser side alone is a trace already.
    JsonNode browserOnly = readTrace(traceId);
    assertThat(browserOnly.get("spans")).isEmpty();
    assertThat(browserOnly.at("/rum/resources")).hasSize(1);

    List<String> spanIds = exportBackendSpans(httpExporter(), traceId, browserSpanId);
    JsonNode trace = readTrace(traceId);
    assertThat(trace.get("spans")).hasSize(2);
    JsonNode server = findSpan(trace, spanIds.get(0));
    assertThat(server.get("parentSpanId").asString()).isEqualTo(browserSpanId);
    assertThat(server.get("service").asString()).isEqualTo("cart-service");
    assertThat(server.get("kind").asString()).isEqualTo("SERVER");
    assertThat(findSpan(trace, spanIds.get(1)).at("/status/code").asString()).isEqualTo("ERROR");
    assertThat(trace.at("/links/0/childSpanId").asString()).isEqualTo(spanIds.get(0));
  }

  @Test
  void unknownTrace_answers404Problem() throws Exception {
    HttpResponse<String> response = engine.get("/api/v1/traces/" + hex(16));
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(response.body()).get("status").asInt()).isEqualTo(404);
  }

  @Test
  void malformedTraceId_answers400Problem() throws Exception {
    HttpResponse<String> response = engine.get("/api/v1/traces/not-a-trace-id");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).get("detail").asString()).contains("hex");
  }

  @Test
  void malformedRumBatch_answers400WithoutStackTrace() throws Exception {
    HttpResponse<String> response = engine.postIngest("/v1/rum", "application/json", "[{\"type\":");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).doesNotContain("Exception").doesNotContain("at dev.");
  }

  private List<String> exportBackendSpans(SpanExporter exporter, String traceId, String browserSpanId) {
    SdkTracerProvider provider = SdkTracerProvider.builder()
        .setResource(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "cart-service")))
        .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
    try {
      Tracer tracer = provider.get("tracebridge-e2e");
      SpanContext browser = SpanContext.createFromRemoteParent(traceId, browserSpanId,
          TraceFlags.getSampled(), TraceState.getDefault());
      Span server = tracer.spanBuilder("GET /api/cart").setSpanKind(SpanKind.SERVER)
          .setParent(Context.root().with(Span.wrap(browser))).startSpan();
      Span db = tracer.spanBuilder("SELECT cart").setSpanKind(SpanKind.CLIENT)
          .setParent(Context.root().with(server)).startSpan();
      db.setStatus(StatusCode.ERROR, "deadlock detected");
      db.end();
      server.end();
      CompletableResultCode flushed = provider.forceFlush().join(30, TimeUnit.SECONDS);
      assertThat(flushed.isSuccess()).as("export acknowledged").isTrue();
      return List.of(server.getSpanContext().getSpanId(), db.getSpanContext().getSpanId());
    } finally {
      provider.shutdown().join(10, TimeUnit.SECONDS);
    }
  }

  private SpanExporter grpcExporter() {
    return OtlpGrpcSpanExporter.builder().setEndpoint("http://127.0.0.1:" + engine.grpcPort).build();
  }

  private SpanExporter httpExporter() {
    return OtlpHttpSpanExporter.builder()
        .setEndpoint("http://127.0.0.1:" + engine.ingestPort + "/v1/traces").build();
  }

  private void postResource(String eventId, String traceId, String browserSpanId) throws Exception {
    String event = """
        [{"type":"resource","id":"%s","date":%d,"app":{"id":"shop-web"},"session":{"id":"s-1"},
          "view":{"id":"v-1","url":"https://shop.example/cart"},
          "resource":{"url":"https://api.shop.example/cart","method":"GET","status_code":200,"duration_ms":42.5},
          "trace":{"headers":{"traceparent":"00-%s-%s-01"}}}]
        """.formatted(eventId, System.currentTimeMillis(), traceId, browserSpanId);
    HttpResponse<String> response = engine.postIngest("/v1/rum", "application/json", event);
    assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
  }

  private JsonNode readTrace(String traceId) throws Exception {
    HttpResponse<String> response = engine.get("/api/v1/traces/" + traceId);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static JsonNode findSpan(JsonNode trace, String spanId) {
    for (JsonNode span : trace.get("spans")) {
      if (span.get("spanId").asString().equals(spanId)) return span;
    }
    throw new AssertionError("span " + spanId + " not in " + trace);
  }

  private static String hex(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    b[0] |= 1;
    return HexFormat.of().formatHex(b);
  }
}
