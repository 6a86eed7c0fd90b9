package dev.tracebridge.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.api.CheckoutTrace;
import dev.tracebridge.api.MemoryEngineTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class MetricsApiTest extends MemoryEngineTest {
  @Autowired RollupJob rollups;

  @Test
  void rolledUpMinute_isQueryableAsJson() throws Exception {
    String service = "rollup-" + System.nanoTime();
    CheckoutTrace trace = CheckoutTrace.startingAt(System.currentTimeMillis() - 5 * 60_000L).withServerService(service);
    http.ingest(trace);
    long minute = trace.minuteOfStart();

    rollups.rollUp(minute);

    JsonNode rows = http.json("/api/v1/metrics?service=" + service + "&start="
        + Instant.ofEpochSecond(minute * 60) + "&end=" + Instant.ofEpochSecond(minute * 60 + 60));
    assertThat(rows).hasSize(1);
    JsonNode row = rows.get(0);
    assertThat(row.get("app").asString()).isEqualTo("shop-web");
    assertThat(row.get("viewRoute").asString()).isEqualTo("shop.example/checkout");
    assertThat(row.get("url").asString()).isEqualTo("api.shop.example/checkout/{id}");
    assertThat(row.get("operation").asString()).isEqualTo("POST /checkout");
    assertThat(row.get("count").asLong()).isEqualTo(1);
    assertThat(row.get("errors").asLong()).isEqualTo(1);
    assertThat(row.get("total").get("p95").asDouble()).isEqualTo(120.0);
    assertThat(row.get("backend").get("p50").asDouble()).isEqualTo(90.0);
    assertThat(row.get("network").get("p50").asDouble()).isEqualTo(27.0);
    assertThat(row.get("complete").asBoolean()).isTrue();
  }

  @Test
  void busyMinute_isReadAtThePassesPace_andCountedWhole() throws Exception {
    String service = "paced-" + System.nanoTime();
    long start = System.currentTimeMillis() - 5 * 60_000L;
    int traces = RollupJob.TRACES_PER_CHUNK + 44;
    long minute = CheckoutTrace.startingAt(start).minuteOfStart();
    for (int i = 0; i < traces; i++) {
      http.ingest(CheckoutTrace.startingAt(minute * 60_000L + 10_000L + i).withServerService(service));
    }

    long started = System.nanoTime();
    rollups.rollUp(minute);
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    JsonNode rows = http.json("/api/v1/metrics?service=" + service + "&start="
        + Instant.ofEpochSecond(minute * 60) + "&end=" + Instant.ofEpochSecond(minute * 60 + 60));
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).get("count").asLong()).isEqualTo(traces);
    // The second chunk is due a chunk's share of a second after the first: 256 traces at 500 a second.
    assertThat(took).isGreaterThanOrEqualTo(
        Duration.ofMillis(1_000L * RollupJob.TRACES_PER_CHUNK / RollupJob.TRACES_PER_SECOND));
    // A full minute of the most traces a pass reads still ends well before the next minute is final.
    assertThat(Duration.ofSeconds(RollupJob.MAX_TRACES_PER_MINUTE / RollupJob.TRACES_PER_SECOND))
        .isLessThanOrEqualTo(Duration.ofSeconds(40));
  }

  @Test
  void lastFinalMinute_isExposedForPrometheus() throws Exception {
    String service = "scrape-" + System.nanoTime();
    String body = null;
    // The minute that is final moves on once a minute: if it moved while this test ran, run it again.
    for (int attempt = 0; attempt < 2; attempt++) {
      long minute = RollupSchedule.lastClosedMinute(System.currentTimeMillis());
      http.ingest(CheckoutTrace.startingAt(minute * 60_000L + 1_000L).withServerService(service));
      rollups.rollUp(minute);
      HttpResponse<String> response = http.get("/metrics");
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
          type -> assertThat(type.replace(" ", "")).startsWith("text/plain;version=0.0.4"));
      body = response.body();
      if (body.contains("tracebridge_rollup_minute_start_seconds " + minute * 60)) break;
    }

    String labels = "{app=\"shop-web\",view_route=\"shop.example/checkout\",url=\"api.shop.example/checkout/{id}\","
        + "service=\"" + service + "\",operation=\"POST /checkout\"";
    assertThat(body).contains("# TYPE tracebridge_requests gauge")
        .contains("tracebridge_requests" + labels + "} 1\n")
        .contains("tracebridge_request_errors" + labels + "} 1\n")
        .contains("tracebridge_request_total_seconds" + labels + ",quantile=\"0.99\"} 0.120000\n")
        .contains("tracebridge_request_backend_seconds" + labels + ",quantile=\"0.5\"} 0.090000\n");
  }
}
