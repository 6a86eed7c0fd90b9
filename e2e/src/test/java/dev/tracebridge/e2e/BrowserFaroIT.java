package dev.tracebridge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real Grafana Faro web SDK 2.12 with its tracing instrumentation in headless Chromium, its
 * collector URL pointing at Tracebridge's {@code /v1/rum/faro}. Faro reports each traced request as a
 * {@code faro.tracing.*} event carrying the trace and span ids it propagated; each test asks the API
 * for the trace the backend received and expects that request's resource linked to the server span.
 */
@ExtendWith(BrowserStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserFaroIT {
  /**
   * Faro sends its request events from a timer (its tracing batches for 1 s), not on page hide: the
   * browser stays on the page until posts carrying both have been answered.
   */
  private static final List<String> TRACING_EVENTS =
      List.of("faro.tracing.fetch", "faro.tracing.xml-http-request");

  private BrowserStack stack;
  private BrowserVisit visit;
  private String base;

  @BeforeAll
  void visitPage(BrowserStack stack) throws Exception {
    this.stack = stack;
    String run = BrowserStack.newRunId();
    base = "/api/faro/" + run;
    visit = stack.visit("faro.html", run, TRACING_EVENTS);
  }

  @AfterAll
  void closeBrowser() throws Exception {
    if (visit != null) visit.close();
  }

  @Test
  void pagePosts_areAcceptedByTheFaroIntake() {
    assertThat(visit.callStatus(url("/fetch"))).as(visit.describe()).isEqualTo(200);
    assertThat(visit.callStatus(url("/xhr"))).as(visit.describe()).isEqualTo(200);
    // Faro posts JSON with x-faro-session-id: preflighted, so a 2xx means CORS passed too.
    assertThat(visit.intakePosts()).as(visit.describe()).isNotEmpty().allSatisfy(post -> {
      assertThat(post.path("url").asString()).endsWith("/v1/rum/faro");
      assertThat(post.path("status").asInt()).isBetween(200, 299);
    });
  }

  @Test
  void tracedFetch_joinsBackendServerSpan() throws Exception {
    BrowserBackendRequest request = stack.backend.request("GET", base + "/fetch");
    assertTraceparentNamesBackendTrace(request);

    BrowserJoinedTrace trace = awaitJoin(request, "/fetch");

    trace.assertJoins(request, url("/fetch"), "fetch");
  }

  @Test
  void tracedXhr_joinsBackendServerSpan() throws Exception {
    BrowserBackendRequest request = stack.backend.request("POST", base + "/xhr");
    assertTraceparentNamesBackendTrace(request);

    BrowserJoinedTrace trace = awaitJoin(request, "/xhr");

    trace.assertJoins(request, url("/xhr"), "xhr");
  }

  /** Faro propagates W3C traceparent only, sampled (its sessions are all sampled by default). */
  private static void assertTraceparentNamesBackendTrace(BrowserBackendRequest request) {
    assertThat(request.requiredHeader("traceparent"))
        .isEqualTo("00-" + request.traceId() + "-" + request.parentSpanId() + "-01");
  }

  private BrowserJoinedTrace awaitJoin(BrowserBackendRequest request, String path) throws Exception {
    assertThat(stack.backend.flush()).as("backend spans exported to the engine").isTrue();
    return BrowserJoinedTrace.await(stack.engine, request.traceId(), request, url(path));
  }

  private String url(String path) {
    return stack.backend.origin() + base + path;
  }
}
