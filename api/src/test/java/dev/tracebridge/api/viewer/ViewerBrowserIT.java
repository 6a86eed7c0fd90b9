package dev.tracebridge.api.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.api.CheckoutTrace;
import dev.tracebridge.api.EngineHttp;
import dev.tracebridge.api.MemoryEngineTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The web viewer in headless Chromium against a real engine: a checkout is posted through the ingest
 * port as browsers and backends post it, then the page is used as an engineer would (search, open the
 * trace, follow it to the session). Screenshots of each step are kept in target/screenshots/.
 */
class ViewerBrowserIT extends MemoryEngineTest {
  private static final Duration BROWSER_RUN_TIMEOUT = Duration.ofMinutes(2);

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

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asString()));
    return out;
  }
}
