package dev.tracebridge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real {@code @datadog/browser-rum} 7.16.2 in headless Chromium, its {@code proxy} option pointing
 * at Tracebridge's Datadog intake, tracing a fetch and an XHR with {@code tracecontext} + {@code datadog}
 * headers and a fetch with {@code datadog} headers only. The SDK sends its batch as a beacon when the
 * browser leaves the page. Each test asks the API for the trace the backend received.
 */
@ExtendWith(BrowserStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserDatadogIT {
  /** What Datadog RUM writes into a traceparent: its 64-bit trace id, zero-padded (REFERENCE.md §1). */
  private static final String ZERO_HIGH_BITS = "0000000000000000";

  private BrowserStack stack;
  private BrowserVisit visit;
  private String traced;
  private String datadogOnly;

  @BeforeAll
  void visitPage(BrowserStack stack) throws Exception {
    this.stack = stack;
    String run = BrowserStack.newRunId();
    // The paths datadog.html calls; its allowedTracingUrls give each its propagators.
    traced = "/api/datadog/" + run + "/traced";
    datadogOnly = "/api/datadog/" + run + "/dd-only";
    visit = stack.visit("datadog.html", run, List.of());
  }

  @AfterAll
  void closeBrowser() throws Exception {
    if (visit != null) visit.close();
  }

  @Test
  void tracedCalls_passCorsAndReachTheBackend() {
    assertThat(visit.callStatus(url(traced + "/fetch"))).as(visit.describe()).isEqualTo(200);
    assertThat(visit.callStatus(url(traced + "/xhr"))).as(visit.describe()).isEqualTo(200);
    assertThat(visit.callStatus(url(datadogOnly + "/fetch"))).as(visit.describe()).isEqualTo(200);
    // What DevTools saw of the SDK's posts (the page-hide beacon is not among them) was accepted.
    assertThat(visit.intakePosts()).as(visit.describe()).allSatisfy(post ->
        assertThat(post.path("status").asInt()).isBetween(200, 299));
  }

  @Test
  void fetchWithTracecontextAndDatadogHeaders_joinsBackendServerSpan() throws Exception {
    BrowserBackendRequest request = stack.backend.request("GET", traced + "/fetch");
    assertBothHeadersCarryOneTrace(request);

    BrowserJoinedTrace trace = awaitJoin(request.traceId(), request, traced + "/fetch");

    trace.assertJoins(request, url(traced + "/fetch"), "fetch");
  }

  @Test
  void xhrWithTracecontextAndDatadogHeaders_joinsBackendServerSpan() throws Exception {
    BrowserBackendRequest request = stack.backend.request("POST", traced + "/xhr");
    assertBothHeadersCarryOneTrace(request);

    BrowserJoinedTrace trace = awaitJoin(request.traceId(), request, traced + "/xhr");

    trace.assertJoins(request, url(traced + "/xhr"), "xhr");
  }

  /**
   * The 64-bit path: the backend, continuing from {@code x-datadog-*} alone, records the trace id
   * zero-padded to 128 bits; the browser reports the decimal 64-bit id. Asked with the browser's id,
   * the API finds the backend's trace.
   */
  @Test
  void datadogHeadersOnly_browserDecimalIdFindsZeroPaddedBackendTrace() throws Exception {
    BrowserBackendRequest request = stack.backend.request("GET", datadogOnly + "/fetch");
    assertThat(request.header("traceparent")).as(request.headers().toString()).isNull();
    String browserId = request.requiredHeader(BrowserDatadogPropagator.TRACE_ID);
    assertThat(browserId).matches("[0-9]+");
    assertThat(request.traceId()).isEqualTo(ZERO_HIGH_BITS + BrowserDatadogPropagator.hex64(browserId));

    BrowserJoinedTrace trace = awaitJoin(browserId, request, datadogOnly + "/fetch");

    assertThat(trace.body.path("traceId").asString()).as(trace.body.toString()).isEqualTo(request.traceId());
    trace.assertJoins(request, url(datadogOnly + "/fetch"), "fetch");
  }

  /** Both formats name the same ids: the zero-padded traceparent and the decimal Datadog headers. */
  private static void assertBothHeadersCarryOneTrace(BrowserBackendRequest request) {
    String headers = request.headers().toString();
    String low64 = BrowserDatadogPropagator.hex64(request.requiredHeader(BrowserDatadogPropagator.TRACE_ID));
    String parent = BrowserDatadogPropagator.hex64(request.requiredHeader(BrowserDatadogPropagator.PARENT_ID));
    assertThat(request.header("traceparent")).as(headers)
        .isEqualTo("00-" + ZERO_HIGH_BITS + low64 + "-" + parent + "-01");
    assertThat(request.traceId()).as(headers).isEqualTo(ZERO_HIGH_BITS + low64);
    assertThat(request.parentSpanId()).as(headers).isEqualTo(parent);
  }

  private BrowserJoinedTrace awaitJoin(String id, BrowserBackendRequest request, String path) throws Exception {
    assertThat(stack.backend.flush()).as("backend spans exported to the engine").isTrue();
    return BrowserJoinedTrace.await(stack.engine, id, request, url(path));
  }

  private String url(String path) {
    return stack.backend.origin() + path;
  }
}
