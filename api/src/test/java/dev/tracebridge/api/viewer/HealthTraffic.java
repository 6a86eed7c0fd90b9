package dev.tracebridge.api.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An app's traced browser requests whose propagation ends three ways, as the browser's RUM SDK and the
 * backend's OpenTelemetry SDK post them: two cart reads whose server spans are children of the browser's
 * span ({@code linked}), a checkout the browser saw no response to, status 0 ({@code cors_blocked}), and a
 * call to a partner's origin that never answers with a span ({@code not_instrumented}).
 */
record HealthTraffic(String app, List<String> linkedTraceIds, String corsBlockedTraceId,
    String notInstrumentedTraceId, long startMillis) {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final int LINKED_REQUESTS = 2;
  /** When each request started, after the traffic's start: linked ones a second apart, then the others. */
  private static final long LINKED_SPACING_MS = 1_000;
  private static final long CORS_BLOCKED_OFFSET_MS = 5_000;
  private static final long NOT_INSTRUMENTED_OFFSET_MS = 6_000;

  static HealthTraffic startingAt(long startMillis) {
    List<String> linked = new ArrayList<>();
    for (int i = 0; i < LINKED_REQUESTS; i++) linked.add(traceId());
    return new HealthTraffic("health-web-" + hex(ThreadLocalRandom.current().nextLong()).substring(0, 8),
        List.copyOf(linked), traceId(), traceId(), startMillis);
  }

  /** Posts the RUM events, then the backend's spans, to the ingest port; both must be acknowledged. */
  void ingest(String ingestBase) {
    assertThat(post(ingestBase + "/v1/rum", rumJson()).statusCode()).isEqualTo(202);
    assertThat(post(ingestBase + "/v1/traces", otlpJson()).statusCode()).isEqualTo(200);
  }

  int requests() {
    return linkedTraceIds.size() + 2;
  }

  /**
   * How many requests end in each verdict per hour (UTC) their browser started them in, as the dashboard
   * counts them: usually one hour, two when the traffic's few seconds straddle an hour's end.
   */
  SortedMap<Instant, Map<String, Integer>> verdictsPerHour() {
    SortedMap<Instant, Map<String, Integer>> hours = new TreeMap<>();
    for (int i = 0; i < linkedTraceIds.size(); i++) count(hours, i * LINKED_SPACING_MS, "linked");
    count(hours, CORS_BLOCKED_OFFSET_MS, "cors_blocked");
    count(hours, NOT_INSTRUMENTED_OFFSET_MS, "not_instrumented");
    return hours;
  }

  private void count(SortedMap<Instant, Map<String, Integer>> hours, long offsetMs, String verdict) {
    Instant hour = Instant.ofEpochMilli(startMillis + offsetMs).truncatedTo(ChronoUnit.HOURS);
    hours.computeIfAbsent(hour, h -> new LinkedHashMap<>()).merge(verdict, 1, Integer::sum);
  }

  private String rumJson() {
    List<String> events = new ArrayList<>();
    for (int i = 0; i < linkedTraceIds.size(); i++) {
      events.add(resource(linkedTraceIds.get(i), "GET", "https://api.shop.example/cart/" + (41 + i), 200,
          i * LINKED_SPACING_MS));
    }
    events.add(resource(corsBlockedTraceId, "POST", "https://api.shop.example/checkout/7", 0, CORS_BLOCKED_OFFSET_MS));
    events.add(resource(notInstrumentedTraceId, "GET", "https://pay.partner.example/tokens", 200,
        NOT_INSTRUMENTED_OFFSET_MS));
    return "[" + String.join(",", events) + "]";
  }

  private String resource(String traceId, String method, String url, int status, long offsetMs) {
    return "{\"type\":\"resource\",\"id\":\"res-" + traceId + "\",\"date\":" + (startMillis + offsetMs)
        + ",\"app\":{\"id\":\"" + app + "\"},\"session\":{\"id\":\"s-" + app + "\"},"
        + "\"view\":{\"id\":\"v-" + app + "\",\"url\":\"https://shop.example/cart\"},"
        + "\"resource\":{\"type\":\"fetch\",\"url\":\"" + url + "\",\"method\":\"" + method + "\","
        + "\"status_code\":" + status + ",\"duration_ms\":40},"
        + "\"trace\":{\"headers\":{\"traceparent\":\"00-" + traceId + "-" + browserSpanId(traceId) + "-01\"}}}";
  }

  /** The cart service's server spans, each the child of the span id its browser request sent. */
  private String otlpJson() {
    List<String> spans = new ArrayList<>();
    for (int i = 0; i < linkedTraceIds.size(); i++) {
      String traceId = linkedTraceIds.get(i);
      long start = (startMillis + i * LINKED_SPACING_MS + 5) * 1_000_000L;
      spans.add("{\"traceId\":\"" + traceId + "\",\"spanId\":\"" + hex(ThreadLocalRandom.current().nextLong() | 1)
          + "\",\"parentSpanId\":\"" + browserSpanId(traceId) + "\",\"name\":\"GET /cart/{id}\",\"kind\":2,"
          + "\"startTimeUnixNano\":\"" + start + "\",\"endTimeUnixNano\":\"" + (start + 30_000_000L) + "\","
          + "\"attributes\":[{\"key\":\"http.request.method\",\"value\":{\"stringValue\":\"GET\"}},"
          + "{\"key\":\"url.path\",\"value\":{\"stringValue\":\"/cart/" + (41 + i) + "\"}}]}");
    }
    return "{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":"
        + "{\"stringValue\":\"cart\"}}]},\"scopeSpans\":[{\"scope\":{\"name\":\"io.opentelemetry.test\"},"
        + "\"spans\":[" + String.join(",", spans) + "]}]}]}";
  }

  /** The browser's span id, derived from its trace id so that the RUM event and the spans agree. */
  private static String browserSpanId(String traceId) {
    return traceId.substring(16);
  }

  private static String traceId() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return hex(r.nextLong() | 1L << 60) + hex(r.nextLong() | 1);
  }

  private static String hex(long value) {
    return String.format("%016x", value);
  }

  private static HttpResponse<String> post(String url, String body) {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted posting to " + url, e);
    }
  }
}
