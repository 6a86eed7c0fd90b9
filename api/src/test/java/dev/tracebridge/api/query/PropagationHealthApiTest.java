package dev.tracebridge.api.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.api.EngineHttp;
import dev.tracebridge.api.MemoryEngineTest;
import dev.tracebridge.core.health.PropagationVerdict;
import dev.tracebridge.core.health.Verdict;
import dev.tracebridge.core.health.VerdictStore;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.storage.TestTelemetry;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The propagation-health routes on a real engine with the in-memory store, verdicts decided directly. */
class PropagationHealthApiTest extends MemoryEngineTest {
  private static final long HOUR = Duration.ofHours(1).toNanos();

  @Autowired
  VerdictStore verdicts;

  @Test
  void apps_withoutARange_listTheAppsOfTheLastDaySorted() throws Exception {
    String prefix = "apps-" + UUID.randomUUID();
    long now = nanos(Instant.now());
    decide(prefix + "-b", now - HOUR);
    decide(prefix + "-a", now - 2 * HOUR);
    decide(prefix + "-b", now - 3 * HOUR);
    decide(prefix + "-old", now - 3 * 24 * HOUR);

    JsonNode answer = http.json("/api/v1/propagation-health/apps");

    assertThat(answer.get("endEpochNanos").asLong() - answer.get("startEpochNanos").asLong()).isEqualTo(24 * HOUR);
    assertThat(answer.get("partial").asBoolean()).isFalse();
    assertThat(texts(answer.get("apps"))).filteredOn(app -> app.startsWith(prefix))
        .containsExactly(prefix + "-a", prefix + "-b");
  }

  @Test
  void apps_ofAnExplicitRange_listTheAppsOfItsHours() throws Exception {
    String app = "apps-" + UUID.randomUUID();
    Instant at = Instant.parse("2025-11-20T14:25:00Z");
    decide(app, nanos(at));

    JsonNode inRange = http.json("/api/v1/propagation-health/apps?start=2025-11-20T14:00:00Z&end="
        + at.plusSeconds(60).toEpochMilli());
    JsonNode dayBefore = http.json("/api/v1/propagation-health/apps?start=2025-11-19T00:00:00Z"
        + "&end=2025-11-20T13:59:59Z");

    assertThat(inRange.get("startEpochNanos").asLong()).isEqualTo(nanos(Instant.parse("2025-11-20T14:00:00Z")));
    assertThat(texts(inRange.get("apps"))).contains(app);
    assertThat(texts(dayBefore.get("apps"))).doesNotContain(app);
  }

  @Test
  void apps_startAfterEnd_answers400ProblemNamingStart() {
    HttpResponse<String> response = http.get("/api/v1/propagation-health/apps?start=2025-11-20T14:00:00Z"
        + "&end=2025-11-20T13:00:00Z");

    assertProblem(response, "start", "start: after end (expected: start <= end)");
  }

  @Test
  void apps_longerThan31Days_answers400ProblemNamingStart() {
    HttpResponse<String> response = http.get("/api/v1/propagation-health/apps?start=2025-10-01T00:00:00Z"
        + "&end=2025-11-20T00:00:00Z");

    assertProblem(response, "start", "start..end: longer than 31 days (expected: a shorter range)");
  }

  @Test
  void apps_unreadableEnd_answers400ProblemNamingEnd() {
    HttpResponse<String> response = http.get("/api/v1/propagation-health/apps?end=tomorrow");

    assertProblem(response, "end", "end: 'tomorrow' (expected: an RFC 3339 instant");
  }

  @Test
  void report_startAfterEnd_answers400ProblemNamingStart() {
    HttpResponse<String> response = http.get("/api/v1/propagation-health?app=shop-web&start=2025-11-20T14:00:00Z"
        + "&end=2025-11-20T13:00:00Z");

    assertProblem(response, "start", "start: after end (expected: start <= end)");
  }

  @Test
  void report_ofAListedApp_countsItsVerdicts() throws Exception {
    String app = "apps-" + UUID.randomUUID();
    decide(app, nanos(Instant.now()) - HOUR);

    String listed = texts(http.json("/api/v1/propagation-health/apps").get("apps")).stream()
        .filter(app::equals).findFirst().orElseThrow();
    JsonNode report = http.json("/api/v1/propagation-health?app=" + listed);

    assertThat(report.get("counts")).hasSize(1);
    assertThat(report.get("counts").get(0).get("verdict").asString()).isEqualTo("cors_blocked");
  }

  private void decide(String app, long startNanos) throws Exception {
    TraceId id = TestTelemetry.randomTraceId();
    verdicts.decide(new Verdict(id.key(), "res-" + UUID.randomUUID(), app, "s-1", PropagationVerdict.CORS_BLOCKED,
        "status 0", "w3c", "api.shop.example/cart/{id}", id, startNanos, startNanos, null)).toCompletableFuture().get();
  }

  private static void assertProblem(HttpResponse<String> response, String parameter, String detail) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    JsonNode problem = EngineHttp.parse(response.body());
    assertThat(problem.get("status").asInt()).isEqualTo(400);
    assertThat(problem.get("parameter").asString()).isEqualTo(parameter);
    assertThat(problem.get("detail").asString()).startsWith(detail);
  }

  private static long nanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asString()));
    return out;
  }
}
