package dev.tracebridge.api.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.api.CheckoutTrace;
import dev.tracebridge.api.MemoryEngineTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AnalysisApiTest extends MemoryEngineTest {

  @Test
  void traceAnalysis_explainsTheCheckoutFromClickToDatabase() {
    CheckoutTrace trace = ingestCheckout();

    JsonNode analysis = http.json("/api/v1/traces/" + trace.traceId() + "/analysis");

    assertThat(analysis.get("summary").asString()).isEqualTo("POST https://api.shop.example/checkout/42 took 120 ms"
        + " end to end; inventory-db took 58.3 % (70 ms) of the critical path; the error started in inventory-db"
        + " \"SELECT stock\": org.postgresql.util.PSQLException: canceling statement due to statement timeout.");
    assertThat(analysis.get("totalMs").asDouble()).isEqualTo(120.0);
    assertThat(names(analysis.get("criticalPath"))).containsExactly("queueing", "dns", "connect", "tls", "request",
        "server", "POST /checkout", "SELECT stock", "POST /checkout", "server", "download", "processing");
    JsonNode split = analysis.get("latencySplit");
    assertThat(split.get(0).get("name").asString()).isEqualTo("inventory-db");
    assertThat(split.get(0).get("percent").asDouble()).isEqualTo(58.3);
    assertThat(split.get(1).get("category").asString()).isEqualTo("network");
    assertThat(split.get(1).get("ms").asDouble()).isEqualTo(27.0);
    JsonNode origin = analysis.get("errorOrigin");
    assertThat(origin.get("id").asString()).isEqualTo(trace.dbSpanId());
    assertThat(origin.get("exception").get("type").asString()).isEqualTo("org.postgresql.util.PSQLException");
    assertThat(origin.get("chain").get(0).get("service").asString()).isEqualTo("checkout");
    assertThat(origin.get("chain").get(1).get("kind").asString()).isEqualTo("resource");
    // The browser's request window bounds the checkout server's clock: the correlator measured an offset.
    assertThat(analysis.get("clockSkew").get("note").asString()).isEqualTo("offsets applied as listed");
    assertThat(analysis.get("clockSkew").get("corrections").findValuesAsString("from")).contains("checkout");
    assertThat(analysis.get("browserPhases")).hasSize(8);
  }

  @Test
  void analysisAcrossTraces_comparesWithThePreviousPeriod() {
    String service = "checkout-" + System.nanoTime();
    long now = System.currentTimeMillis();
    for (long minutesAgo : List.of(45L, 40L, 10L, 9L, 8L)) {
      http.ingest(CheckoutTrace.startingAt(now - minutesAgo * 60_000L).withServerService(service));
    }
    String start = Instant.ofEpochMilli(now - 30 * 60_000L).toString();
    String end = Instant.ofEpochMilli(now).toString();

    JsonNode result = http.json("/api/v1/analysis?service=" + service + "&start=" + start + "&end=" + end);

    JsonNode current = result.get("current");
    assertThat(current.get("traces").asInt()).isEqualTo(3);
    assertThat(current.get("errors").asInt()).isEqualTo(3);
    assertThat(current.get("percentiles").get(1).get("name").asString()).isEqualTo("p95");
    assertThat(current.get("percentiles").get(1).get("ms").asDouble()).isEqualTo(120.0);
    assertThat(current.get("p95Contributors").get(0).get("name").asString()).isEqualTo("inventory-db");
    assertThat(current.get("p95Contributors").get(0).get("meanMs").asDouble()).isEqualTo(70.0);
    assertThat(current.get("topErrorOrigins").get(0).get("traces").asInt()).isEqualTo(3);
    assertThat(result.get("previous").get("traces").asInt()).isEqualTo(2);
    assertThat(result.get("change").get("p95Ms").asDouble()).isEqualTo(0.0);
    assertThat(result.get("summary").asString()).startsWith("p95 of " + service + " was 120 ms over 3 traces"
        + " (up 0 ms from 120 ms); in the slowest 5 % most time went to inventory-db (58.3 %, 70 ms per trace)");
  }

  @Test
  void analysisWithoutTarget_answers400NamingTheParameter() {
    var response = http.get("/api/v1/analysis?start=2025-11-25T00:00:00Z");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("\"parameter\":\"service\"");
  }

  private static List<String> names(JsonNode steps) {
    List<String> names = new ArrayList<>();
    steps.forEach(s -> names.add(s.get("name").asString()));
    return names;
  }
}
