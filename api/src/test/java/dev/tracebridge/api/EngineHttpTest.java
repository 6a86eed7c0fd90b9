package dev.tracebridge.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The engine's HTTP surface with the in-memory store: the two ports stay apart, CORS preflights are
 * answered, oversized bodies get 413, and ingested data is readable through the API at once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class EngineHttpTest {
  private static final EnginePorts PORTS = EnginePorts.free();
  private static final int API_PORT = PORTS.api();
  private static final int INGEST_PORT = PORTS.ingest();
  private final HttpClient http = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void ports(DynamicPropertyRegistry registry) {
    PORTS.registerInMemoryEngine(registry);
    registry.add("tracebridge.ingest.max-body-size", () -> "64KB");
  }

  @Test
  void rumPostedOnIngestPort_isReadableOnApiPort() throws Exception {
    String traceId = "0af7651916cd43dd8448eb211c80319c";
    HttpResponse<String> posted = send(INGEST_PORT, "POST", "/v1/rum", """
        [{"type":"resource","date":1764079200000,"app":{"id":"shop-web"},"session":{"id":"s-1"},
          "view":{"id":"v-1","url":"https://shop.example/"},
          "resource":{"url":"https://api.shop.example/cart","method":"GET","status_code":200,"duration_ms":42.5},
          "trace":{"headers":{"traceparent":"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"}}}]
        """);
    assertThat(posted.statusCode()).as(posted.body()).isBetween(200, 299);

    HttpResponse<String> trace = send(API_PORT, "GET", "/api/v1/traces/" + traceId, null);
    assertThat(trace.statusCode()).isEqualTo(200);
    assertThat(trace.body()).contains("\"spanId\":\"b7ad6b7169203331\"").contains("api.shop.example/cart");
  }

  @Test
  void sixtyFourBitDecimalId_findsTheTrace() throws Exception {
    // Datadog's decimal form of the low 64 bits of 0000000000000000 8448eb211c80319c.
    send(INGEST_PORT, "POST", "/v1/rum", """
        [{"type":"resource","date":1764079200000,"app":{"id":"shop-web"},
          "resource":{"url":"https://api.shop.example/x","method":"GET","status_code":200,"duration_ms":1},
          "trace":{"headers":{"traceparent":"00-00000000000000008448eb211c80319c-b7ad6b7169203332-01"}}}]
        """);
    HttpResponse<String> trace = send(API_PORT, "GET", "/api/v1/traces/9532127138774266268", null);
    assertThat(trace.statusCode()).as(trace.body()).isEqualTo(200);
    assertThat(trace.body()).contains("b7ad6b7169203332");
  }

  @Test
  void faroPayload_storesItsEmbeddedOtlpSpansToo() throws Exception {
    String traceId = "5b8efff798038103d269b633813fc60c";
    HttpResponse<String> posted = send(INGEST_PORT, "POST", "/v1/rum/faro", """
        {"meta":{"app":{"name":"shop-web"},"session":{"id":"faro-s1"},"page":{"url":"http://127.0.0.1/cart"}},
         "events":[{"name":"faro.tracing.fetch","timestamp":"2026-11-25T13:42:49.499Z",
           "attributes":{"url.full":"http://localhost/api/cart","http.request.method":"GET",
                         "http.response.status_code":"200","duration_ns":"28000000"},
           "trace":{"trace_id":"5b8efff798038103d269b633813fc60c","span_id":"eee19b7ec3c1b174"}}],
         "traces":{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"shop-web"}}]},
           "scopeSpans":[{"scope":{"name":"@opentelemetry/instrumentation-fetch"},"spans":[
             {"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174","name":"HTTP GET",
              "kind":3,"startTimeUnixNano":"1795614169471000000","endTimeUnixNano":"1795614169499000000"}]}]}]}}
        """);
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
    assertThat(posted.body()).doesNotContain("not_stored");

    HttpResponse<String> trace = send(API_PORT, "GET", "/api/v1/traces/" + traceId, null);
    assertThat(trace.statusCode()).as(trace.body()).isEqualTo(200);
    assertThat(trace.body()).contains("\"spanId\":\"eee19b7ec3c1b174\"").contains("\"name\":\"HTTP GET\"")
        .contains("localhost/api/cart");
  }

  @Test
  void queryApiOnIngestPort_isNotServed() throws Exception {
    HttpResponse<String> response = send(INGEST_PORT, "GET", "/api/v1/traces/0af7651916cd43dd8448eb211c80319c", null);
    assertThat(response.statusCode()).isEqualTo(404);
  }

  @Test
  void ingestPathOnApiPort_isNotServed() throws Exception {
    HttpResponse<String> response = send(API_PORT, "POST", "/v1/rum", "[]");
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).contains("ingest port");
  }

  @Test
  void corsPreflight_isAnswered() throws Exception {
    HttpRequest preflight = HttpRequest.newBuilder(uri(INGEST_PORT, "/v1/traces"))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Origin", "https://shop.example")
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "content-type")
        .build();
    HttpResponse<String> response = http.send(preflight, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(response.headers().firstValue("access-control-allow-origin")).contains("*");
    assertThat(response.headers().firstValue("access-control-allow-headers")).contains("content-type");
  }

  @Test
  void bodyOverLimit_answers413Problem() throws Exception {
    HttpResponse<String> response = send(INGEST_PORT, "POST", "/v1/rum", "[" + " ".repeat(70_000) + "]");
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).contains("max-body-size");
  }

  @Test
  void unknownIngestPath_answers404WithKnownPaths() throws Exception {
    HttpResponse<String> response = send(INGEST_PORT, "POST", "/v1/nothing", "{}");
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).contains("/v1/traces").contains("/v1/rum");
  }

  @Test
  void readiness_reportsStorageUp() throws Exception {
    HttpResponse<String> response = send(API_PORT, "GET", "/api/v1/ready", null);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"storage\":\"UP\"");
  }

  private HttpResponse<String> send(int port, String method, String path, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(port, path)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json");
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(int port, String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }
}
