package dev.tracebridge.api.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.api.CheckoutTrace;
import dev.tracebridge.api.EngineHttp;
import dev.tracebridge.api.MemoryEngineTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The web viewer in headless Chromium against a real engine: a checkout is posted through the ingest
 * port as browsers and backends post it, then the page is used as an engineer would (search, open the
 * trace, follow it to the session; pick an app with verdicts, read its propagation health per hour and in
 * total, and open an example trace).
 * Screenshots of each step are kept in target/screenshots/.
 */
class ViewerBrowserIT extends MemoryEngineTest {
  private static final Duration BROWSER_RUN_TIMEOUT = Duration.ofMinutes(2);
  /**
   * The engine's checker decides an arrival minute once it has ended and the grace period has passed: at
   * most a minute plus a second here, three minutes leave room for a loaded machine.
   */
  private static final Duration VERDICT_WAIT = Duration.ofMinutes(3);
  private static final Duration VERDICT_POLL = Duration.ofSeconds(1);
  private static final DateTimeFormatter HOUR_TITLE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
      .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter HOUR_END = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

  /** Verdicts decided a second after their minute, not two minutes: the test waits for the real checker. */
  @DynamicPropertySource
  static void quickVerdicts(DynamicPropertyRegistry registry) {
    registry.add("tracebridge.propagation.grace-period", () -> "1s");
    registry.add("tracebridge.propagation.check-interval", () -> "1s");
  }

  @Test
  void checkout_isSearchedExplainedAndFollowedToItsSession() throws Exception {
    Path chromium = Path.of(System.getProperty("tracebridge.chromium", "/usr/bin/chromium"));
    assertThat(chromium).as("headless tests need Chromium (apt-get install -y chromium), or -DskipBrowserTests")
        .exists();
    String service = "checkout-viewer-" + System.nanoTime();
    CheckoutTrace trace = CheckoutTrace.startingAt(System.currentTimeMillis() - 5 * 60_000L).withServerService(service);
    http.ingest(trace);
    Path screenshots = Path.of(System.getProperty("tracebridge.screenshots", "target/screenshots"));
    Files.createDirectories(screenshots);
    ViewerNodeProject project = ViewerNodeProject.prepare(
        Path.of(System.getProperty("tracebridge.viewer.js", "src/test/js/viewer")),
        Path.of(System.getProperty("tracebridge.viewer.workdir", "target/viewer-test")));

    JsonNode seen = EngineHttp.parse(project.run(BROWSER_RUN_TIMEOUT, "node", "check-viewer.mjs", http.apiBase(),
        service, trace.traceId(), screenshots.toAbsolutePath().toString()));

    assertThat(seen.get("pageErrors")).as(seen.get("pageErrors").toString()).isEmpty();
    JsonNode search = seen.get("search");
    assertThat(search.get("status").asString()).isEqualTo("1 trace");
    assertThat(search.get("results").get(0).get("text").asString()).contains(service + " · POST /checkout")
        .contains("120 ms").contains("error");

    JsonNode page = seen.get("trace");
    assertThat(page.get("summary").asString()).startsWith("POST https://api.shop.example/checkout/42 took 120 ms end"
        + " to end; inventory-db took 58.3 % (70 ms) of the critical path; the error started in inventory-db");
    assertThat(texts(page.get("split"))).containsExactly("inventory-db 70 ms (58.3 %)", "network 27 ms (22.5 %)",
        service + " 20 ms (16.7 %)", "frontend 3.0 ms (2.5 %)");
    assertThat(page.get("errorOrigin").asString()).contains("inventory-db · SELECT stock")
        .contains("PSQLException: canceling statement due to statement timeout")
        .contains("Above it: " + service + " · POST /checkout → browser:shop-web");
    assertThat(page.get("skew").asString()).startsWith("Clock skew: ").contains(service + " shifted by");
    assertThat(page.get("criticalSteps").asInt()).isEqualTo(12);

    JsonNode rows = page.get("rows");
    assertThat(rows).hasSize(3);
    JsonNode browser = rows.get(0);
    assertThat(browser.get("kind").asString()).isEqualTo("resource");
    assertThat(texts(browser.get("phases"))).containsExactly("queueing", "dns", "connect", "tls", "request", "server",
        "download", "processing");
    assertThat(texts(browser.get("criticalPhases"))).containsExactlyElementsOf(texts(browser.get("phases")));
    assertThat(rows.get(1).get("id").asString()).isEqualTo(trace.serverSpanId());
    assertThat(rows.get(1).get("critical").asBoolean()).isTrue();
    assertThat(rows.get(2).get("id").asString()).isEqualTo(trace.dbSpanId());
    assertThat(rows.get(2).get("errorOrigin").asBoolean()).isTrue();
    assertThat(rows.get(2).get("label").asString()).contains("inventory-db SELECT stock").contains("error origin");

    JsonNode session = seen.get("session");
    assertThat(session.get("title").asString()).isEqualTo("Session " + trace.sessionId() + " of shop-web");
    List<String> types = new ArrayList<>();
    session.get("events").forEach(e -> types.add(e.get("type").asString()));
    assertThat(types).containsExactly("view", "action", "resource", "error");
    assertThat(session.get("events").get(2).get("text").asString())
        .contains("POST https://api.shop.example/checkout/42 → 503");
    assertThat(texts(session.get("traces"))).containsExactly(trace.traceId());
    assertThat(screenshots.resolve("2-trace.png")).isNotEmptyFile();
  }

  @Test
  void appWithBrokenPropagation_dashboardCountsExplainsAndOpensExamples() throws Exception {
    Path chromium = Path.of(System.getProperty("tracebridge.chromium", "/usr/bin/chromium"));
    assertThat(chromium).as("headless tests need Chromium (apt-get install -y chromium), or -DskipBrowserTests")
        .exists();
    HealthTraffic traffic = HealthTraffic.startingAt(System.currentTimeMillis() - 5 * 60_000L);
    traffic.ingest(http.ingestBase());
    awaitVerdicts(traffic);
    Path screenshots = Path.of(System.getProperty("tracebridge.screenshots", "target/screenshots"));
    Files.createDirectories(screenshots);
    ViewerNodeProject project = ViewerNodeProject.prepare(
        Path.of(System.getProperty("tracebridge.viewer.js", "src/test/js/viewer")),
        Path.of(System.getProperty("tracebridge.viewer.workdir", "target/viewer-test")));

    JsonNode seen = EngineHttp.parse(project.run(BROWSER_RUN_TIMEOUT, "node", "check-health.mjs", http.apiBase(),
        traffic.app(), traffic.corsBlockedTraceId(), screenshots.toAbsolutePath().toString()));

    assertThat(seen.get("pageErrors")).as(seen.get("pageErrors").toString()).isEmpty();
    JsonNode prompt = seen.get("prompt");
    assertThat(prompt.get("text").asString()).startsWith("Give the RUM application id");
    assertThat(prompt.get("picker").get("disabled").asBoolean()).isFalse();
    assertThat(prompt.get("picker").get("selected").asString()).isEmpty();
    assertThat(optionValues(prompt.get("picker"))).contains(traffic.app());
    assertThat(prompt.get("picker").get("options").get(0).get("text").asString())
        .matches("[0-9]+ apps? with verdicts in the last day");
    assertThat(seen.get("empty").get("text").asString())
        .startsWith("No traced browser request of nobody-" + traffic.app() + " was decided in the last day.");
    assertThat(seen.get("empty").get("tableShown").asBoolean()).isFalse();
    assertThat(seen.get("empty").get("trendShown").asBoolean()).isFalse();
    assertThat(optionValues(seen.get("empty").get("picker"))).contains(traffic.app())
        .doesNotContain("nobody-" + traffic.app());
    assertThat(seen.get("refused").get("problem").asBoolean()).isTrue();
    assertThat(seen.get("refused").get("text").asString()).startsWith("start: 'yesterday' (expected: an RFC 3339");

    JsonNode report = seen.get("report");
    assertThat(report.get("hash").asString()).isEqualTo("#/health?app=" + traffic.app() + "&range=24h");
    assertThat(report.get("status").get("text").asString())
        .isEqualTo("4 traced requests of " + traffic.app() + " in the last day: 2 linked (50 %).");
    assertThat(report.get("picker").get("selected").asString()).isEqualTo(traffic.app());
    assertTrend(report.get("trend"), traffic);
    assertThat(texts(report.get("columns"))).containsExactly("URL pattern", "Headers sent", "Requests", "Linked",
        "cors_blocked", "not_instrumented");
    JsonNode rows = report.get("rows");
    assertThat(rows).hasSize(3);
    JsonNode checkout = rows.get(0);
    assertThat(checkout.get("urlPattern").asString()).isEqualTo("api.shop.example/checkout/{id}");
    assertThat(checkout.get("headerFormats").asString()).isEqualTo("w3c");
    assertThat(checkout.get("total").asInt()).isEqualTo(1);
    assertThat(checkout.get("linked").asString()).isEqualTo("0 (0 %)");
    assertThat(checkout.get("verdicts").get("cors_blocked").get("count").asInt()).isEqualTo(1);
    assertThat(texts(checkout.get("verdicts").get("cors_blocked").get("examples")))
        .containsExactly(traffic.corsBlockedTraceId());
    JsonNode partner = rows.get(1);
    assertThat(partner.get("urlPattern").asString()).isEqualTo("pay.partner.example/tokens");
    assertThat(texts(partner.get("verdicts").get("not_instrumented").get("examples")))
        .containsExactly(traffic.notInstrumentedTraceId());
    JsonNode cart = rows.get(2);
    assertThat(cart.get("urlPattern").asString()).isEqualTo("api.shop.example/cart/{id}");
    assertThat(cart.get("total").asInt()).isEqualTo(2);
    assertThat(cart.get("linked").asString()).isEqualTo("2 (100 %)");
    assertThat(cart.get("verdicts").size()).as("linked is the bar, not an example column").isZero();

    List<String> explained = new ArrayList<>();
    report.get("explanations").forEach(e -> explained.add(e.get("verdict").asString()));
    assertThat(explained).containsExactly("cors_blocked", "not_instrumented", "linked");
    assertThat(report.get("explanations").get(0).get("text").asString())
        .contains("status 0").contains("Access-Control-Allow-Headers");
    assertThat(texts(report.get("knownApps"))).startsWith(traffic.app());
    assertThat(screenshots.resolve("5-health.png")).isNotEmptyFile();

    JsonNode example = seen.get("example");
    assertThat(example.get("hash").asString()).isEqualTo("#/trace/" + traffic.corsBlockedTraceId());
    assertThat(example.get("title").asString()).startsWith("Trace " + traffic.corsBlockedTraceId());
    assertThat(texts(example.get("waterfallRows"))).containsExactly("resource");
    // The refused request is the error: its origin is the browser, with no chain and no stack trace.
    assertThat(example.get("errorOrigin").asString()).startsWith("Error origin").doesNotContain("null");
  }

  /**
   * The trend shows a column per hour of the day and the hour it started in, bars only where the traffic's
   * requests were decided, stacked linked first, each saying its numbers when hovered.
   */
  private static void assertTrend(JsonNode trend, HealthTraffic traffic) {
    assertThat(trend.get("heading").asString()).isEqualTo("Requests per hour (UTC)");
    assertThat(texts(trend.get("legend"))).containsExactly("linked", "cors_blocked", "not_instrumented");
    assertThat(texts(trend.get("axis"))).isNotEmpty()
        .allSatisfy(label -> assertThat(label).matches("[0-2][0-9]:00|[A-Z][a-z]{2} [0-9]{1,2}"));
    JsonNode hours = trend.get("hours");
    assertThat(hours).hasSize(25);
    Map<Instant, Map<String, Integer>> expected = traffic.verdictsPerHour();
    List<Instant> drawn = new ArrayList<>();
    for (JsonNode hour : hours) {
      Instant start = Instant.parse(hour.get("start").asString());
      Map<String, Integer> verdicts = expected.get(start);
      String when = HOUR_TITLE.format(start) + "–" + HOUR_END.format(start.plus(Duration.ofHours(1))) + " UTC: ";
      if (verdicts == null) {
        assertThat(hour.get("title").asString()).isEqualTo(when + "no request decided");
        assertThat(hour.get("barHeight").asDouble()).isZero();
        continue;
      }
      drawn.add(start);
      int total = verdicts.values().stream().mapToInt(Integer::intValue).sum();
      List<String> parts = new ArrayList<>();
      verdicts.forEach((verdict, count) -> parts.add(count + " " + verdict));
      assertThat(hour.get("title").asString())
          .isEqualTo(when + total + " request" + (total == 1 ? "" : "s") + ": " + String.join(", ", parts));
      assertThat(hour.get("count").asString()).isEqualTo(Integer.toString(total));
      assertThat(hour.get("barHeight").asDouble()).isPositive();
      List<String> segments = new ArrayList<>();
      hour.get("segments").forEach(segment -> {
        assertThat(segment.get("height").asDouble()).isPositive();
        segments.add(segment.get("verdict").asString());
      });
      assertThat(segments).containsExactlyElementsOf(verdicts.keySet());
    }
    assertThat(drawn).containsExactlyElementsOf(expected.keySet());
  }

  private static List<String> optionValues(JsonNode picker) {
    List<String> values = new ArrayList<>();
    picker.get("options").forEach(option -> values.add(option.get("value").asString()));
    return values;
  }

  /** Polls the API until the engine's own checker has decided every request of the app. */
  private void awaitVerdicts(HealthTraffic traffic) throws InterruptedException {
    long deadline = System.nanoTime() + VERDICT_WAIT.toNanos();
    long decided = 0;
    while (System.nanoTime() < deadline) {
      decided = 0;
      for (JsonNode count : http.json("/api/v1/propagation-health?app=" + traffic.app()).get("counts")) {
        decided += count.get("count").asLong();
      }
      if (decided == traffic.requests()) return;
      Thread.sleep(VERDICT_POLL.toMillis());
    }
    throw new AssertionError(decided + " of " + traffic.requests() + " requests decided after " + VERDICT_WAIT);
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asString()));
    return out;
  }
}
