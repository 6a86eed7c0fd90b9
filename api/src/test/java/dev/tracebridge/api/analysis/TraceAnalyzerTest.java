package dev.tracebridge.api.analysis;

import static dev.tracebridge.api.analysis.HandBuiltTraces.MS;
import static dev.tracebridge.api.analysis.HandBuiltTraces.T0;
import static dev.tracebridge.api.analysis.HandBuiltTraces.trace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.tracebridge.core.join.JoinedTrace;
import org.junit.jupiter.api.Test;

class TraceAnalyzerTest {
  private final TraceAnalyzer analyzer = new TraceAnalyzer();

  @Test
  void browserRequestWithBackend_pathCrossesTheBoundary() {
    JoinedTrace joined = trace()
        .fetch("res-1", 200, 0, 112, 120)
        .span("a000000000000001", HandBuiltTraces.BROWSER_SPAN.toHex(), "checkout", "POST /checkout", 20, 110)
        .span("a000000000000002", "a000000000000001", "inventory-db", "SELECT stock", 30, 100)
        .link("res-1", "a000000000000001")
        .build();

    TraceAnalysis analysis = analyzer.analyze(joined);

    assertThat(analysis.totalNanos()).isEqualTo(120 * MS);
    assertThat(analysis.criticalPath())
        .extracting(TraceAnalysis.Step::name, s -> (s.startEpochNanos() - T0) / MS, s -> s.durationNanos() / MS)
        .containsExactly(
            tuple("queueing", 0L, 2L), tuple("dns", 2L, 3L), tuple("connect", 5L, 2L), tuple("tls", 7L, 3L),
            tuple("request", 10L, 2L), tuple("server", 12L, 8L), tuple("POST /checkout", 20L, 10L),
            tuple("SELECT stock", 30L, 70L), tuple("POST /checkout", 100L, 10L), tuple("server", 110L, 2L),
            tuple("download", 112L, 7L), tuple("processing", 119L, 1L));
    assertThat(analysis.split())
        .extracting(TraceAnalysis.Part::category, TraceAnalysis.Part::name, p -> p.nanos() / MS)
        .containsExactly(
            tuple(Category.BACKEND, "inventory-db", 70L), tuple(Category.NETWORK, "network", 27L),
            tuple(Category.BACKEND, "checkout", 20L), tuple(Category.FRONTEND, "frontend", 3L));
    assertThat(analysis.selfTimeOnPath()).containsEntry("inventory-db", 70 * MS)
        .containsEntry("checkout", 20 * MS).containsEntry("browser:shop-web", 3 * MS);
    assertThat(analysis.summary()).isEqualTo("POST https://api.shop.example/checkout took 120 ms end to end;"
        + " inventory-db took 58.3 % (70 ms) of the critical path.");
    assertThat(analysis.errorOrigin()).isNull();
  }

  @Test
  void serverClockTenMinutesAhead_measuredOffsetPutsItInsideTheBrowserRequest() {
    long tenMinutesMs = 600_000;
    JoinedTrace joined = trace()
        .fetch("res-1", 200, 0, 112, 120)
        .span("d000000000000001", HandBuiltTraces.BROWSER_SPAN.toHex(), "checkout", "POST /checkout",
            tenMinutesMs + 20, tenMinutesMs + 110)
        .link("res-1", "d000000000000001")
        .clockCorrection("checkout", -tenMinutesMs)
        .build();

    TraceAnalysis analysis = analyzer.analyze(joined);

    assertThat(analysis.totalNanos()).isEqualTo(120 * MS);
    assertThat(analysis.criticalPath()).filteredOn(s -> "checkout".equals(s.service()))
        .allSatisfy(s -> assertThat((s.startEpochNanos() - T0) / MS).isBetween(20L, 110L));
    assertThat(analysis.skewCorrections()).singleElement().satisfies(c -> {
      assertThat(c.from()).isEqualTo("checkout");
      assertThat(c.offsetNanos()).isEqualTo(-tenMinutesMs * MS);
    });
  }

  @Test
  void concurrentChildren_pathFollowsTheOneThatFinishedLast() {
    JoinedTrace joined = trace()
        .span("b000000000000001", null, "api", "GET /page", 0, 100)
        .span("b000000000000002", "b000000000000001", "users", "GET /user", 10, 60)
        .span("b000000000000003", "b000000000000001", "orders", "GET /orders", 20, 90)
        .build();

    TraceAnalysis analysis = analyzer.analyze(joined);

    assertThat(analysis.criticalPath())
        .extracting(TraceAnalysis.Step::service, s -> (s.startEpochNanos() - T0) / MS, s -> s.durationNanos() / MS)
        .containsExactly(tuple("api", 0L, 10L), tuple("users", 10L, 10L), tuple("orders", 20L, 70L),
            tuple("api", 90L, 10L));
    assertThat(analysis.split()).extracting(TraceAnalysis.Part::name, p -> p.nanos() / MS)
        .containsExactly(tuple("orders", 70L), tuple("api", 20L), tuple("users", 10L));
  }

  @Test
  void asyncChildOutlivingItsParent_isClippedToTheParent() {
    JoinedTrace joined = trace()
        .span("c000000000000001", null, "api", "POST /order", 0, 100)
        .span("c000000000000002", "c000000000000001", "mailer", "send receipt", 50, 300)
        .build();

    TraceAnalysis analysis = analyzer.analyze(joined);

    assertThat(analysis.totalNanos()).isEqualTo(100 * MS);
    assertThat(analysis.criticalPath())
        .extracting(TraceAnalysis.Step::service, s -> s.durationNanos() / MS)
        .containsExactly(tuple("api", 50L), tuple("mailer", 50L));
  }

  @Test
  void childStartingAfterItsParentEnded_isOffThePath() {
    JoinedTrace joined = trace()
        .span("c100000000000001", null, "api", "POST /order", 0, 100)
        .span("c100000000000002", "c100000000000001", "mailer", "send later", 150, 200)
        .build();

    TraceAnalysis analysis = analyzer.analyze(joined);

    assertThat(analysis.criticalPath()).extracting(TraceAnalysis.Step::service).containsExactly("api");
  }

  @Test
  void missingParents_rootsShareOnePathWithTheGapUnattributed() {
    JoinedTrace joined = trace()
        .span("d000000000000001", "ffffffffffffff01", "cart", "GET /cart", 0, 50)
        .span("d000000000000002", "ffffffffffffff02", "pricing", "GET /price", 60, 100)
        .build();

    TraceAnalysis analysis = analyzer.analyze(joined);

    assertThat(analysis.totalNanos()).isEqualTo(100 * MS);
    assertThat(analysis.criticalPath())
        .extracting(TraceAnalysis.Step::kind, TraceAnalysis.Step::category, s -> s.durationNanos() / MS)
        .containsExactly(tuple("span", Category.BACKEND, 50L), tuple("trace", Category.UNATTRIBUTED, 10L),
            tuple("span", Category.BACKEND, 40L));
    assertThat(analysis.rootName()).isEqualTo("The trace");
  }

  @Test
  void parentCycle_isCutAndWarned() {
    JoinedTrace joined = trace()
        .span("e000000000000001", "e000000000000002", "a", "one", 0, 10)
        .span("e000000000000002", "e000000000000001", "b", "two", 0, 20)
        .build();

    TraceAnalysis analysis = analyzer.analyze(joined);

    assertThat(analysis.totalNanos()).isEqualTo(20 * MS);
    assertThat(analysis.warnings()).anyMatch(w -> w.contains("is its own ancestor"));
  }

  @Test
  void nestedErrors_originIsTheDeepestWithItsExceptionAndChain() {
    JoinedTrace joined = trace()
        .fetch("res-1", 503, 0, 112, 120)
        .errorSpan("f000000000000001", HandBuiltTraces.BROWSER_SPAN.toHex(), "checkout", "POST /checkout", 20, 110, null)
        .span("f000000000000002", "f000000000000001", "inventory", "reserve", 25, 105)
        .errorSpan("f000000000000003", "f000000000000002", "inventory-db", "SELECT stock", 30, 100,
            "java.sql.SQLTimeoutException")
        .errorSpan("f000000000000004", "f000000000000001", "fraud", "score", 21, 24, "java.io.IOException")
        .link("res-1", "f000000000000001")
        .build();

    TraceAnalysis analysis = analyzer.analyze(joined);

    ErrorOrigin origin = analysis.errorOrigin();
    assertThat(origin).isNotNull();
    assertThat(origin.id()).isEqualTo("f000000000000003");
    assertThat(origin.exception().type()).isEqualTo("java.sql.SQLTimeoutException");
    assertThat(origin.chain()).extracting(ErrorOrigin.Link::kind, ErrorOrigin.Link::service)
        .containsExactly(tuple("span", "checkout"), tuple("resource", "browser:shop-web"));
    assertThat(analysis.summary()).endsWith("the error started in inventory-db \"SELECT stock\": "
        + "java.sql.SQLTimeoutException: timeout after 500 ms.");
  }

  @Test
  void failedRequestWithoutBackend_originIsTheBrowserRequest() {
    JoinedTrace joined = trace().fetchWithoutTiming("res-9", 0, 0, 40).build();

    TraceAnalysis analysis = analyzer.analyze(joined);

    assertThat(analysis.errorOrigin().kind()).isEqualTo("resource");
    assertThat(analysis.errorOrigin().message()).contains("status 0");
    assertThat(analysis.split()).extracting(TraceAnalysis.Part::category).containsExactly(Category.NETWORK);
  }

  @Test
  void backendSpanOutsideTheRequestWindow_isClippedWithAWarning() {
    JoinedTrace joined = trace()
        .fetch("res-1", 200, 0, 60, 70)
        .span("a100000000000001", HandBuiltTraces.BROWSER_SPAN.toHex(), "checkout", "POST /checkout", 5, 55)
        .link("res-1", "a100000000000001")
        .build();

    TraceAnalysis analysis = analyzer.analyze(joined);

    assertThat(analysis.warnings()).anyMatch(w -> w.contains("starts 7.0 ms early")
        && w.contains("no clock-skew correction is measured"));
    assertThat(analysis.criticalPath()).filteredOn(s -> s.service().equals("checkout"))
        .extracting(s -> (s.startEpochNanos() - T0) / MS, s -> s.durationNanos() / MS)
        .containsExactly(tuple(12L, 43L));
    assertThat(analysis.skewCorrections()).isEmpty();
  }

  @Test
  void emptyTrace_hasNoPathAndSaysSo() {
    TraceAnalysis analysis = analyzer.analyze(trace().build());

    assertThat(analysis.criticalPath()).isEmpty();
    assertThat(analysis.summary()).isEqualTo("The trace has no measurable duration.");
  }
}
