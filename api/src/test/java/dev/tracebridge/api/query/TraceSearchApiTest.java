package dev.tracebridge.api.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.api.CheckoutTrace;
import dev.tracebridge.api.EngineHttp;
import dev.tracebridge.api.MemoryEngineTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class TraceSearchApiTest extends MemoryEngineTest {

  @Test
  void searchBySession_findsTheJoinedTrace() {
    CheckoutTrace trace = ingestCheckout();

    JsonNode page = http.json("/api/v1/traces?app=shop-web&session=" + trace.sessionId());

    assertThat(page.get("traces")).hasSize(1);
    JsonNode found = page.get("traces").get(0);
    assertThat(found.get("traceId").asString()).isEqualTo(trace.traceId());
    assertThat(found.get("rootService").asString()).isEqualTo("checkout");
    assertThat(found.get("spanCount").asInt()).isEqualTo(2);
    assertThat(found.get("resourceCount").asInt()).isEqualTo(1);
    assertThat(found.get("error").asBoolean()).isTrue();
    assertThat(page.get("partial").asBoolean()).isFalse();
    assertThat(page.get("nextPageToken").isNull()).isTrue();
  }

  @Test
  void searchByServiceAndSpanCriteria_holdForOneSpan() {
    CheckoutTrace trace = ingestCheckout();
    String base = "/api/v1/traces?service=inventory-db&attr.db.system=postgresql&limit=500";

    assertThat(ids(http.json(base + "&minDuration=60ms"))).contains(trace.traceId());
    assertThat(ids(http.json(base + "&minDuration=71ms"))).doesNotContain(trace.traceId());
    assertThat(ids(http.json("/api/v1/traces?service=inventory-db&attr.db.system=mysql&limit=500")))
        .doesNotContain(trace.traceId());
  }

  @Test
  void searchByUrl_foldsIdsInThePath() {
    CheckoutTrace trace = ingestCheckout();

    JsonNode page = http.json("/api/v1/traces?app=shop-web&url=https://api.shop.example/checkout/7&httpStatus=503&limit=500");

    assertThat(ids(page)).contains(trace.traceId());
  }

  @Test
  void pageToken_walksThroughEveryTraceOnce() {
    String service = "paging-" + System.nanoTime();
    long start = System.currentTimeMillis() - 10 * 60_000L;
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      CheckoutTrace trace = CheckoutTrace.startingAt(start + i * 1_000L);
      http.ingest(trace.withServerService(service));
      expected.add(0, trace.traceId());
    }

    List<String> seen = new ArrayList<>();
    String token = null;
    do {
      JsonNode page = http.json("/api/v1/traces?service=" + service + "&limit=2"
          + (token == null ? "" : "&pageToken=" + token));
      assertThat(page.get("traces").size()).isLessThanOrEqualTo(2);
      seen.addAll(ids(page));
      token = page.get("nextPageToken").isNull() ? null : page.get("nextPageToken").asString();
    } while (token != null);

    assertThat(seen).containsExactlyElementsOf(expected);
  }

  @Test
  void unknownParameter_answers400NamingIt() {
    HttpResponse<String> response = http.get("/api/v1/traces?servce=checkout");

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode problem = EngineHttp.parse(response.body());
    assertThat(problem.get("parameter").asString()).isEqualTo("servce");
    assertThat(problem.get("type").asString()).isEqualTo("about:blank");
    assertThat(problem.get("title").asString()).isEqualTo("Bad Request");
    assertThat(problem.get("status").asInt()).isEqualTo(400);
    assertThat(problem.get("detail").asString()).contains("unknown parameter");
    assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void badValues_answer400NamingTheParameter() {
    assertThat(parameterOf("/api/v1/traces?service=a&limit=0")).isEqualTo("limit");
    assertThat(parameterOf("/api/v1/traces?service=a&limit=x")).isEqualTo("limit");
    assertThat(parameterOf("/api/v1/traces?service=a&minDuration=fast")).isEqualTo("minDuration");
    assertThat(parameterOf("/api/v1/traces?service=a&start=yesterday")).isEqualTo("start");
    assertThat(parameterOf("/api/v1/traces?service=a&error=maybe")).isEqualTo("error");
    assertThat(parameterOf("/api/v1/traces?service=a&httpStatus=42")).isEqualTo("httpStatus");
    assertThat(parameterOf("/api/v1/traces?service=a&pageToken=garbage")).isEqualTo("pageToken");
    assertThat(parameterOf("/api/v1/traces?session=s-1")).isEqualTo("app");
    assertThat(parameterOf("/api/v1/traces?operation=GET")).isEqualTo("operation");
    assertThat(parameterOf("/api/v1/traces")).isEqualTo("service");
    assertThat(parameterOf("/api/v1/traces/not-an-id")).isEqualTo("traceId");
  }

  @Test
  void wrongMethod_answers405ProblemWithItsType() {
    var response = http.send("DELETE", "/api/v1/traces/0af7651916cd43dd8448eb211c800000");

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(EngineHttp.parse(response.body()).get("type").asString()).isEqualTo("about:blank");
  }

  @Test
  void unknownTrace_answers404Problem() {
    HttpResponse<String> response = http.get("/api/v1/traces/0af7651916cd43dd8448eb211c800000");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(EngineHttp.parse(response.body()).get("detail").asString()).contains("no trace");
  }

  private String parameterOf(String path) {
    HttpResponse<String> response = http.get(path);
    assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(400);
    return EngineHttp.parse(response.body()).get("parameter").asString();
  }

  static List<String> ids(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.get("traces").forEach(t -> ids.add(t.get("traceId").asString()));
    return ids;
  }
}
