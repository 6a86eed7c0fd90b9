package dev.tracebridge.api.selfmetrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.api.MemoryEngineTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** /metrics carries the engine's own metrics, with values that follow the traffic it saw. */
class SelfMetricsApiTest extends MemoryEngineTest {
  /** The checkout trace holds a server span and a database span. */
  private static final int CHECKOUT_SPANS = 2;

  @Test
  void afterTraffic_ingestStoreAndJvmMetricsArePlausible() {
    Map<String, Double> before = scrape();
    ingestCheckout();
    ingestCheckout();
    HttpResponse<String> bad = postGarbage();
    assertThat(bad.statusCode()).isEqualTo(400);

    Map<String, Double> after = scrape();

    assertThat(delta(before, after, "tracebridge_ingest_spans_total{endpoint=\"/v1/traces\",protocol=\"http\"}"))
        .isGreaterThanOrEqualTo(2.0 * CHECKOUT_SPANS);
    assertThat(delta(before, after, "tracebridge_ingest_rum_events_total{endpoint=\"/v1/rum\",protocol=\"http\"}"))
        .isGreaterThanOrEqualTo(2.0);
    assertThat(delta(before, after,
        "tracebridge_ingest_requests_total{endpoint=\"/v1/traces\",protocol=\"http\",code=\"200\"}")).isEqualTo(2.0);
    assertThat(delta(before, after, "tracebridge_ingest_rejected_total{reason=\"invalid_request\"}")).isEqualTo(1.0);
    assertThat(delta(before, after, "tracebridge_store_write_seconds_count")).isGreaterThanOrEqualTo(4.0);
    assertThat(after.get("tracebridge_store_write_seconds_bucket{le=\"+Inf\"}"))
        .isEqualTo(after.get("tracebridge_store_write_seconds_count"));
    assertThat(after.get("tracebridge_store_write_seconds_sum")).isGreaterThan(0.0).isLessThan(60.0);
    assertThat(after.get("tracebridge_store_writes_in_flight")).isZero();
    assertThat(after.get("tracebridge_jvm_heap_used_bytes")).isGreaterThan(1_000_000.0);
    assertThat(after.get("tracebridge_grpc_calls_in_progress")).isZero();
    assertThat(after).containsKeys("tracebridge_grpc_queue_depth", "tracebridge_join_queue_depth",
        "tracebridge_jvm_heap_max_bytes");
  }

  private HttpResponse<String> postGarbage() {
    try {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(http.ingestBase() + "/v1/traces"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"resourceSpans\":")).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static double delta(Map<String, Double> before, Map<String, Double> after, String series) {
    assertThat(after).as("scrape after traffic").containsKey(series);
    return after.get(series) - before.getOrDefault(series, 0.0);
  }

  /** Every sample line of /metrics, by series (name and labels). */
  private Map<String, Double> scrape() {
    HttpResponse<String> response = http.get("/metrics");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
        type -> assertThat(type.replace(" ", "")).startsWith("text/plain;version=0.0.4"));
    Map<String, Double> samples = new HashMap<>();
    for (String line : response.body().split("\n")) {
      if (line.isBlank() || line.startsWith("#")) continue;
      int space = line.lastIndexOf(' ');
      samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
    }
    return samples;
  }
}
