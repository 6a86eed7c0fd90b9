package dev.tracebridge.api.jaeger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.api.CheckoutTrace;
import dev.tracebridge.api.EngineHttp;
import dev.tracebridge.api.MemoryEngineTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class JaegerApiTest extends MemoryEngineTest {

  @Test
  void traceById_showsTheBrowserAsTheParentOfTheBackend() {
    CheckoutTrace trace = ingestCheckout();

    JsonNode response = http.json("/api/traces/" + trace.traceId());

    assertThat(response.get("errors").isNull()).isTrue();
    JsonNode jaeger = response.get("data").get(0);
    assertThat(jaeger.get("traceID").asString()).isEqualTo(trace.traceId());
    JsonNode browser = span(jaeger, trace.browserSpanId());
    JsonNode server = span(jaeger, trace.serverSpanId());
    assertThat(process(jaeger, browser)).isEqualTo("browser:shop-web");
    assertThat(process(jaeger, server)).isEqualTo("checkout");
    assertThat(server.get("references").get(0).get("refType").asString()).isEqualTo("CHILD_OF");
    assertThat(server.get("references").get(0).get("spanID").asString()).isEqualTo(trace.browserSpanId());
    assertThat(browser.get("operationName").asString()).isEqualTo("POST api.shop.example/checkout/{id}");
    assertThat(browser.get("startTime").asLong()).isEqualTo(trace.startMillis() * 1_000);
    assertThat(browser.get("duration").asLong()).isEqualTo(120_000);
    assertThat(server.get("duration").asLong()).isEqualTo(90_000);
    assertThat(tag(browser, "http.status_code").get("type").asString()).isEqualTo("int64");
    assertThat(tag(browser, "http.status_code").get("value").asInt()).isEqualTo(503);
    assertThat(tag(server, "error").get("value").asBoolean()).isTrue();
    JsonNode db = span(jaeger, trace.dbSpanId());
    assertThat(db.get("logs").get(0).get("fields").get(0).get("value").asString()).isEqualTo("exception");
  }

  @Test
  void servicesAndOperations_listWhatWasStored() {
    ingestCheckout();

    assertThat(strings(http.json("/api/services").get("data"))).contains("checkout", "inventory-db");
    assertThat(strings(http.json("/api/services/inventory-db/operations").get("data"))).contains("SELECT stock");
  }

  @Test
  void searchByServiceOrBrowserSession_findsTheTrace() {
    CheckoutTrace trace = ingestCheckout();
    long end = System.currentTimeMillis() * 1_000;
    long start = end - 30 * 60_000_000L;

    JsonNode byService = http.json("/api/traces?service=inventory-db&limit=500&minDuration=50ms&start=" + start
        + "&end=" + end);
    JsonNode byBrowser = http.json("/api/traces?service=browser:shop-web&tags="
        + URLEncoder.encode("{\"session.id\":\"" + trace.sessionId() + "\"}", StandardCharsets.UTF_8));

    assertThat(traceIds(byService)).contains(trace.traceId());
    assertThat(traceIds(byBrowser)).containsExactly(trace.traceId());
    assertThat(byBrowser.get("total").asInt()).isEqualTo(1);
  }

  @Test
  void searchWithoutService_answersJaegersErrorEnvelopeAndAProblem() {
    var response = http.get("/api/traces?limit=5");

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode body = EngineHttp.parse(response.body());
    assertThat(body.get("errors").get(0).get("msg").asString()).isEqualTo("parameter 'service' is required");
    assertThat(body.get("errors").get(0).get("code").asInt()).isEqualTo(400);
    assertThat(body.get("status").asInt()).isEqualTo(400);
    assertThat(body.get("title").asString()).isEqualTo("Bad Request");
    assertThat(body.get("data").isNull()).isTrue();
  }

  @Test
  void unknownTrace_answers404InJaegersEnvelope() {
    var response = http.get("/api/traces/0af7651916cd43dd8448eb211c800001");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(EngineHttp.parse(response.body()).get("errors").get(0).get("msg").asString()).isEqualTo("trace not found");
  }

  private static JsonNode span(JsonNode trace, String spanId) {
    for (JsonNode span : trace.get("spans")) {
      if (span.get("spanID").asString().equals(spanId)) return span;
    }
    throw new AssertionError("no span " + spanId + " in " + trace);
  }

  private static String process(JsonNode trace, JsonNode span) {
    return trace.get("processes").get(span.get("processID").asString()).get("serviceName").asString();
  }

  private static JsonNode tag(JsonNode span, String key) {
    for (JsonNode tag : span.get("tags")) {
      if (tag.get("key").asString().equals(key)) return tag;
    }
    throw new AssertionError("no tag " + key + " in " + span);
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asString()));
    return out;
  }

  private static List<String> traceIds(JsonNode response) {
    List<String> out = new ArrayList<>();
    response.get("data").forEach(t -> out.add(t.get("traceID").asString()));
    return out;
  }
}
