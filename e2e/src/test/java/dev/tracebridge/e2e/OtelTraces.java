package dev.tracebridge.e2e;

import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads traces back through {@code GET /api/v1/traces/{id}} for the OpenTelemetry client tests, waiting
 * for spans that clients export in the background, and posts the browser's side as a native RUM resource.
 */
final class OtelTraces {
  /** Agents export on a timer; the engine answers once stored. Generous for a loaded 2-core machine. */
  static final Duration ARRIVAL_TIMEOUT = Duration.ofSeconds(45);
  private static final long POLL_MILLIS = 250;
  private static final int TRACE_ID_BYTES = 16;
  private static final int SPAN_ID_BYTES = 8;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final EngineProcess engine;

  OtelTraces(EngineProcess engine) {
    this.engine = engine;
  }

  /** The trace as the API answers it now; fails unless that is 200. */
  JsonNode read(String traceId) throws Exception {
    HttpResponse<String> response = engine.get("/api/v1/traces/" + traceId);
    if (response.statusCode() != 200) {
      throw new AssertionError("trace " + traceId + ": " + response.statusCode() + " " + response.body());
    }
    return JSON.readTree(response.body());
  }

  /** Polls the trace until {@code complete} holds for it; fails with the last answer otherwise. */
  JsonNode await(String traceId, Predicate<JsonNode> complete) throws Exception {
    long deadline = System.nanoTime() + ARRIVAL_TIMEOUT.toNanos();
    String last = "(no answer)";
    while (System.nanoTime() < deadline) {
      HttpResponse<String> response = engine.get("/api/v1/traces/" + traceId);
      last = response.statusCode() + " " + response.body();
      if (response.statusCode() == 200) {
        JsonNode trace = JSON.readTree(response.body());
        if (complete.test(trace)) return trace;
      }
      Thread.sleep(POLL_MILLIS);
    }
    throw new AssertionError("trace " + traceId + " incomplete after " + ARRIVAL_TIMEOUT + ": " + last);
  }

  /** Posts what a browser reports for a request it sent with {@code traceparent}; answers the event id. */
  String postBrowserResource(String url, String traceId, String browserSpanId) throws Exception {
    String eventId = "otel-e2e-" + browserSpanId;
    String event = """
        [{"type":"resource","id":"%s","date":%d,"app":{"id":"shop-web"},"session":{"id":"s-otel"},
          "view":{"id":"v-otel","url":"https://shop.example/checkout"},
          "resource":{"url":"%s","method":"GET","status_code":200,"duration_ms":120.5},
          "trace":{"headers":{"traceparent":"00-%s-%s-01"}}}]
        """.formatted(eventId, System.currentTimeMillis(), url, traceId, browserSpanId);
    HttpResponse<String> response = engine.postIngest("/v1/rum", "application/json", event);
    if (response.statusCode() / 100 != 2) {
      throw new AssertionError("RUM resource refused: " + response.statusCode() + " " + response.body());
    }
    return eventId;
  }

  static List<JsonNode> spans(JsonNode trace) {
    List<JsonNode> spans = new ArrayList<>();
    trace.get("spans").forEach(spans::add);
    return spans;
  }

  /** The one span of {@code service} with {@code kind}; fails when there is none or several. */
  static JsonNode span(JsonNode trace, String service, String kind) {
    List<JsonNode> found = spans(trace).stream()
        .filter(s -> s.get("service").asString().equals(service) && s.get("kind").asString().equals(kind))
        .toList();
    if (found.size() != 1) {
      throw new AssertionError("expected one " + kind + " span of " + service + ", found " + found.size()
          + " in " + trace);
    }
    return found.get(0);
  }

  static String traceId() {
    return randomHex(TRACE_ID_BYTES);
  }

  static String spanId() {
    return randomHex(SPAN_ID_BYTES);
  }

  private static String randomHex(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    b[0] |= 1; // never all zero, which is not an id
    return HexFormat.of().formatHex(b);
  }
}
