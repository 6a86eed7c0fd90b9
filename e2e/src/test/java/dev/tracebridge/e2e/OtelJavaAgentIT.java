package dev.tracebridge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.e2e.OtelAgentService.Protocol;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * The OpenTelemetry Java agent (2.33, taken through Maven) instrumenting two real services in their own
 * JVMs: service-a (Jetty) receives a request carrying a browser's traceparent and calls service-b
 * (Jetty) with java.net.http.HttpClient. Both export to the engine over OTLP, once over gRPC and once
 * over HTTP/protobuf. The browser's side is a native RUM resource with the same traceparent. Read back
 * through the API, the trace must be whole, its parent links intact, and joined to the browser.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OtelJavaAgentIT {
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private EngineProcess engine;
  private OtelTraces traces;
  private final HttpClient browser = HttpClient.newHttpClient();

  @BeforeAll
  void startEngine(@TempDir Path dataDir) throws Exception {
    engine = EngineProcess.start(dataDir.resolve("data"));
    traces = new OtelTraces(engine);
  }

  @AfterAll
  void stopEngine() throws Exception {
    if (engine != null) engine.close();
  }

  @ParameterizedTest
  @EnumSource(Protocol.class)
  void agentInstrumentedServices_traceComesBackWholeAndJoinedToTheBrowser(Protocol protocol)
      throws Exception {
    int[] ports = EngineProcess.freePorts(2);
    // Both JVMs start at once: the agent's start dominates, and service-a needs service-b only per request.
    try (OtelAgentService b = OtelAgentService.start("service-b", ports[1], null, protocol, engine);
        OtelAgentService a = OtelAgentService.start("service-a", ports[0],
            "http://127.0.0.1:" + ports[1] + "/stock", protocol, engine)) {
      b.awaitListening();
      a.awaitListening();
      String traceId = OtelTraces.traceId();
      String browserSpanId = OtelTraces.spanId();

      HttpResponse<String> answer = browser.send(HttpRequest.newBuilder(URI.create(a.url("/checkout")))
          .timeout(REQUEST_TIMEOUT).header("traceparent", "00-" + traceId + "-" + browserSpanId + "-01")
          .GET().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      String eventId = traces.postBrowserResource(a.url("/checkout"), traceId, browserSpanId);

      JsonNode trace = traces.await(traceId, t -> t.get("spans").size() >= 3 && !t.get("links").isEmpty());
      assertWholeAndJoined(trace, traceId, browserSpanId, eventId);
    }
  }

  private static void assertWholeAndJoined(JsonNode trace, String traceId, String browserSpanId,
      String eventId) {
    assertThat(trace.get("spans")).as("spans of %s", trace).hasSize(3);
    JsonNode serverA = OtelTraces.span(trace, "service-a", "SERVER");
    JsonNode clientA = OtelTraces.span(trace, "service-a", "CLIENT");
    JsonNode serverB = OtelTraces.span(trace, "service-b", "SERVER");
    for (JsonNode span : OtelTraces.spans(trace)) {
      assertThat(span.get("traceId").asString()).isEqualTo(traceId);
    }
    assertThat(serverA.get("parentSpanId").asString()).isEqualTo(browserSpanId);
    assertThat(clientA.get("parentSpanId").asString()).isEqualTo(serverA.get("spanId").asString());
    assertThat(serverB.get("parentSpanId").asString()).isEqualTo(clientA.get("spanId").asString());
    assertThat(serverA.at("/attributes/url.path").asString()).isEqualTo("/checkout");
    assertThat(clientA.at("/attributes/url.full").asString()).endsWith("/stock");
    assertThat(serverB.at("/attributes/url.path").asString()).isEqualTo("/stock");
    // Other warnings may concern clock skew (this test's browser request times are made up).
    for (JsonNode warning : trace.get("warnings")) {
      assertThat(warning.asString()).as("no span misses its parent").doesNotContain("not in the trace");
    }

    assertThat(trace.at("/rum/resources")).hasSize(1);
    assertThat(trace.at("/rum/resources/0/eventId").asString()).isEqualTo(eventId);
    assertThat(trace.get("links")).hasSize(1);
    JsonNode link = trace.at("/links/0");
    assertThat(link.get("resourceEventId").asString()).isEqualTo(eventId);
    assertThat(link.get("propagatedSpanId").asString()).isEqualTo(browserSpanId);
    assertThat(link.get("childSpanId").asString()).isEqualTo(serverA.get("spanId").asString());
    assertThat(link.get("match").asString()).isEqualTo("exact");
  }
}
