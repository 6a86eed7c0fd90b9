package dev.tracebridge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * The real OpenTelemetry web SDK 2.12 (sdk-trace-web, the fetch and XHR instrumentations, the OTLP/HTTP
 * exporter) in headless Chromium, exporting its spans as OTLP JSON to Tracebridge's {@code /v1/traces}.
 * Its request spans become RUM resources there; each test asks the API for the trace the backend
 * received and expects the resource linked to the backend's server span.
 */
@ExtendWith(BrowserStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserOpenTelemetryWebIT {
  /** Resource Timing marks the engine maps from the spans' events; the backend allows their timing. */
  private static final List<String> REQUEST_WINDOW = List.of("requestStart", "responseStart");

  private BrowserStack stack;
  private BrowserVisit visit;
  private String base;

  @BeforeAll
  void visitPage(BrowserStack stack) throws Exception {
    this.stack = stack;
    String run = BrowserStack.newRunId();
    base = "/api/otel-web/" + run;
    // otel-web.html flushes its span processor itself before it reports.
    visit = stack.visit("otel-web.html", run, List.of());
  }

  @AfterAll
  void closeBrowser() throws Exception {
    if (visit != null) visit.close();
  }

  @Test
  void pageExport_isAcceptedByTheTracesEndpoint() {
    assertThat(visit.callStatus(url("/fetch"))).as(visit.describe()).isEqualTo(200);
    assertThat(visit.callStatus(url("/xhr"))).as(visit.describe()).isEqualTo(200);
    // A JSON export is preflighted (REFERENCE.md §2): a post that DevTools saw answered 2xx passed CORS.
    assertThat(visit.intakePosts()).as(visit.describe()).isNotEmpty().allSatisfy(post -> {
      assertThat(post.path("url").asString()).endsWith("/v1/traces");
      assertThat(post.path("status").asInt()).isBetween(200, 299);
    });
  }

  @Test
  void fetchSpan_becomesResourceLinkedToBackendServerSpan() throws Exception {
    BrowserBackendRequest request = stack.backend.request("GET", base + "/fetch");
    assertTraceparentNamesBackendTrace(request);

    BrowserJoinedTrace trace = awaitJoin(request, "/fetch");

    trace.assertJoins(request, url("/fetch"), "fetch");
    assertRequestWindowKnown(trace, url("/fetch"));
  }

  @Test
  void xhrSpan_becomesResourceLinkedToBackendServerSpan() throws Exception {
    BrowserBackendRequest request = stack.backend.request("POST", base + "/xhr");
    assertTraceparentNamesBackendTrace(request);

    BrowserJoinedTrace trace = awaitJoin(request, "/xhr");

    trace.assertJoins(request, url("/xhr"), "xhr");
    assertRequestWindowKnown(trace, url("/xhr"));
  }

  /** The web SDK sends only a 128-bit W3C traceparent (REFERENCE.md §2); the backend continued it. */
  private static void assertTraceparentNamesBackendTrace(BrowserBackendRequest request) {
    assertThat(request.requiredHeader("traceparent"))
        .isEqualTo("00-" + request.traceId() + "-" + request.parentSpanId() + "-01");
    assertThat(request.headers()).doesNotContainKeys("b3", BrowserDatadogPropagator.TRACE_ID);
  }

  /** The span's Resource Timing events became the resource's phases: the server's window is known. */
  private static void assertRequestWindowKnown(BrowserJoinedTrace trace, String url) {
    JsonNode timing = trace.resource(url).orElseThrow().path("timingNanos");
    assertThat(REQUEST_WINDOW).as(trace.body.toString()).allSatisfy(mark ->
        assertThat(timing.path(mark).isNumber()).as(mark).isTrue());
    assertThat(timing.path("responseStart").asLong()).as(trace.body.toString())
        .isGreaterThanOrEqualTo(timing.path("requestStart").asLong());
  }

  private BrowserJoinedTrace awaitJoin(BrowserBackendRequest request, String path) throws Exception {
    assertThat(stack.backend.flush()).as("backend spans exported to the engine").isTrue();
    return BrowserJoinedTrace.await(stack.engine, request.traceId(), request, url(path));
  }

  private String url(String path) {
    return stack.backend.origin() + base + path;
  }
}
