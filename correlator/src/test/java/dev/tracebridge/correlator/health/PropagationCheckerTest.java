package dev.tracebridge.correlator.health;

import static dev.tracebridge.correlator.Requests.MS;
import static dev.tracebridge.correlator.Requests.T0;
import static dev.tracebridge.correlator.Requests.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.core.health.FallbackLink;
import dev.tracebridge.core.health.HealthCount;
import dev.tracebridge.core.health.PropagationVerdict;
import dev.tracebridge.core.health.Verdict;
import dev.tracebridge.core.join.JoinedTrace;
import dev.tracebridge.core.join.LinkMatch;
import dev.tracebridge.core.join.TraceLink;
import dev.tracebridge.core.model.Attributes;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.rum.HeaderFormat;
import dev.tracebridge.core.rum.RumResource;
import dev.tracebridge.core.rum.Sampling;
import dev.tracebridge.core.search.UrlPattern;
import dev.tracebridge.correlator.ForwardingVerdictStore;
import dev.tracebridge.correlator.IoThreadTraceStore;
import dev.tracebridge.correlator.Spans;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class PropagationCheckerTest {
  private static final TraceId TRACE = TraceId.fromHex("4bf92f3577b34da6a3ce929d0e0e4736");
  private static final SpanId BROWSER = SpanId.fromHex("00f067aa0ba902b7");
  private static final SpanId SERVER = SpanId.fromHex("53995c3f42cd8ad8");

  private final Harness h = new Harness();

  @Test
  void linkedRequest_isDecidedLinked_onceTheGracePeriodPassed() {
    RumResource resource = request().w3c(TRACE, BROWSER).build();
    h.rum(resource);
    h.spans(server(TRACE, SERVER, BROWSER));

    h.clock.advance(Duration.ofSeconds(30));
    CheckRun early = h.checker.runOnce(h.clock.instant());
    assertThat(early.decidedTotal()).isZero();
    assertThat(h.trace(TRACE).verdicts()).singleElement()
        .satisfies(v -> assertThat(v.verdict()).isEqualTo(PropagationVerdict.PENDING));

    CheckRun run = h.checkAfterGrace();

    assertThat(run.decided()).containsEntry(PropagationVerdict.LINKED, 1);
    assertThat(h.verdictOf(resource).orElseThrow().verdict()).isEqualTo(PropagationVerdict.LINKED);
    assertThat(h.trace(TRACE).verdicts()).singleElement().satisfies(v -> {
      assertThat(v.verdict()).isEqualTo(PropagationVerdict.LINKED);
      assertThat(v.browserSampling()).isEqualTo(Sampling.SAMPLED);
    });
  }

  @Test
  void backendSpansArrivingWithinTheGracePeriod_countAsOnTime() {
    RumResource resource = request().w3c(TRACE, BROWSER).build();
    h.rum(resource);
    h.clock.advance(Duration.ofSeconds(100));
    h.spans(server(TRACE, SERVER, BROWSER));

    h.checkAfterGrace();

    assertThat(h.verdictOf(resource).orElseThrow().verdict()).isEqualTo(PropagationVerdict.LINKED);
  }

  @Test
  void noResponse_isCorsBlocked() {
    RumResource resource = request().status(0).w3c(TRACE, BROWSER).build();
    h.rum(resource);

    h.checkAfterGrace();

    assertThat(h.verdictOf(resource).orElseThrow().verdict()).isEqualTo(PropagationVerdict.CORS_BLOCKED);
  }

  @Test
  void browserSentNotSampled_isSampledOut_andTheTraceSaysSo() {
    RumResource resource = request().context(HeaderFormat.W3C, TRACE, BROWSER, Sampling.NOT_SAMPLED).build();
    h.rum(resource);

    h.checkAfterGrace();

    Verdict verdict = h.verdictOf(resource).orElseThrow();
    assertThat(verdict.verdict()).isEqualTo(PropagationVerdict.SAMPLED_OUT);
    assertThat(verdict.reason()).contains("not-sampled");
    assertThat(h.trace(TRACE).verdicts()).singleElement()
        .satisfies(v -> assertThat(v.browserSampling()).isEqualTo(Sampling.NOT_SAMPLED));
  }

  @Test
  void backendRootSpanOfTheSameSession_isHeaderStripped_andJoinedByFallbackBothWays() {
    RumResource resource = request().w3c(TRACE, BROWSER).session("s-42").build();
    TraceId backendTrace = TraceId.fromHex("11111111111111112222222222222222");
    Span root = Spans.server(backendTrace, SERVER, null, "checkout", T0 + 15 * MS, T0 + 80 * MS)
        .attributes(Attributes.builder().put("http.request.method", "GET").put("url.path", "/cart/42")
            .put("session.id", "s-42").build()).build();
    h.rum(resource);
    h.spans(root);

    h.checkAfterGrace();

    Verdict verdict = h.verdictOf(resource).orElseThrow();
    assertThat(verdict.verdict()).isEqualTo(PropagationVerdict.HEADER_STRIPPED);
    FallbackLink fallback = verdict.fallback();
    assertThat(fallback).isNotNull();
    assertThat(fallback.spanId()).isEqualTo(SERVER);
    assertThat(fallback.confidence()).isEqualTo(FallbackMatcher.SAME_SESSION);
    TraceLink expected = new TraceLink(resource.eventId(), BROWSER, SERVER, LinkMatch.FALLBACK, 0.9);
    JoinedTrace fromBrowser = h.trace(TRACE);
    assertThat(fromBrowser.links()).containsExactly(expected);
    assertThat(fromBrowser.spans()).containsExactly(root);
    JoinedTrace fromBackend = h.trace(backendTrace);
    assertThat(fromBackend.links()).containsExactly(expected);
    assertThat(fromBackend.resources()).containsExactly(resource);
  }

  @Test
  void onlyRootSpanOfTheEndpoint_withoutSession_isAWeakerFallback_twoAreNone() {
    RumResource one = request().eventId("res-1").w3c(TRACE, BROWSER).url("https://api.shop.example/orders/7").build();
    TraceId other = TraceId.fromHex("99999999999999999999999999999999");
    RumResource two = request().eventId("res-2").w3c(other, SpanId.fromHex("0000000000000002"))
        .url("https://api.shop.example/items/7").build();
    h.rum(one, two);
    h.spans(root("/orders/7", TraceId.fromHex("a1"), SpanId.fromHex("a1")),
        root("/items/7", TraceId.fromHex("b1"), SpanId.fromHex("b1")),
        root("/items/7", TraceId.fromHex("b2"), SpanId.fromHex("b2")));

    h.checkAfterGrace();

    Verdict first = h.verdictOf(one).orElseThrow();
    assertThat(first.verdict()).isEqualTo(PropagationVerdict.HEADER_STRIPPED);
    assertThat(first.fallback()).isNotNull();
    assertThat(first.fallback().confidence()).isEqualTo(FallbackMatcher.ONLY_CANDIDATE);
    Verdict second = h.verdictOf(two).orElseThrow();
    assertThat(second.verdict()).isEqualTo(PropagationVerdict.HEADER_STRIPPED);
    assertThat(second.fallback()).isNull();
  }

  @Test
  void lowSixtyFourBitsOnly_isIdMismatch() {
    TraceId browser64 = TraceId.of(0, TRACE.low());
    RumResource resource = request().context(HeaderFormat.W3C, browser64, BROWSER, Sampling.SAMPLED).build();
    h.rum(resource);
    h.spans(server(TRACE, SERVER, BROWSER));

    h.checkAfterGrace();

    Verdict verdict = h.verdictOf(resource).orElseThrow();
    assertThat(verdict.verdict()).isEqualTo(PropagationVerdict.ID_MISMATCH);
    assertThat(verdict.reason()).contains("low 64 bits");
  }

  @Test
  void regeneratedParent_isIdMismatch() {
    RumResource resource = request().w3c(TRACE, BROWSER).build();
    h.rum(resource);
    h.spans(server(TRACE, SERVER, SpanId.fromHex("7777777777777777")));

    h.checkAfterGrace();

    assertThat(h.verdictOf(resource).orElseThrow().verdict()).isEqualTo(PropagationVerdict.ID_MISMATCH);
  }

  @Test
  void responseNamingARootSpan_forARequestThatSentHeaders_isHeaderStripped() {
    TraceId serverTrace = TraceId.fromHex("5555555555555555aaaaaaaaaaaaaaaa");
    RumResource resource = request().w3c(TRACE, BROWSER)
        .context(HeaderFormat.RESPONSE, serverTrace, SERVER, Sampling.SAMPLED).build();
    h.rum(resource);
    h.spans(server(serverTrace, SERVER, null));

    h.checkAfterGrace();

    assertThat(h.verdictOf(resource).orElseThrow().verdict()).isEqualTo(PropagationVerdict.HEADER_STRIPPED);
    assertThat(h.trace(serverTrace).links()).extracting(TraceLink::match).containsExactly(LinkMatch.RESPONSE);
  }

  @Test
  void noSpanAtAll_isNotInstrumented_unlessTheOriginLinkedOtherRequests_thenSampledOut() {
    RumResource linked = request().eventId("res-linked").w3c(TRACE, BROWSER).start(T0 + 1_000 * MS).build();
    TraceId dropped = TraceId.fromHex("66666666666666666666666666666666");
    RumResource droppedOne = request().eventId("res-dropped").w3c(dropped, SpanId.fromHex("0000000000000066")).build();
    TraceId elsewhere = TraceId.fromHex("88888888888888888888888888888888");
    RumResource uninstrumented = request().eventId("res-cdn").url("https://cdn.example/config.json")
        .w3c(elsewhere, SpanId.fromHex("0000000000000088")).build();
    h.rum(droppedOne, uninstrumented, linked);
    h.spans(server(TRACE, SERVER, BROWSER));

    h.checkAfterGrace();

    assertThat(h.verdictOf(droppedOne).orElseThrow().verdict()).isEqualTo(PropagationVerdict.SAMPLED_OUT);
    assertThat(h.verdictOf(droppedOne).orElseThrow().reason()).contains("sampler dropped");
    assertThat(h.verdictOf(uninstrumented).orElseThrow().verdict()).isEqualTo(PropagationVerdict.NOT_INSTRUMENTED);
  }

  @Test
  void secondCheckerAndRestart_changeNothing_firstDecisionStands() {
    RumResource resource = request().w3c(TRACE, BROWSER).build();
    h.rum(resource);
    h.checkAfterGrace();
    Verdict first = h.verdictOf(resource).orElseThrow();
    assertThat(first.verdict()).isEqualTo(PropagationVerdict.NOT_INSTRUMENTED);

    h.spans(server(TRACE, SERVER, BROWSER));
    // Another node that lost its progress and decides everything again, late spans included.
    PropagationChecker otherNode = new PropagationChecker(h.traces, new ForwardingVerdictStore(h.verdicts) {
      @Override
      public CompletionStage<OptionalLong> checkedThrough() {
        return CompletableFuture.completedFuture(OptionalLong.empty());
      }
    }, h.settings.withGrace(Duration.ZERO));
    otherNode.runOnce(h.clock.instant());
    new PropagationChecker(h.traces, h.verdicts, h.settings).runOnce(h.clock.instant().plusSeconds(60));

    assertThat(h.verdictOf(resource).orElseThrow()).isEqualTo(first);
    JoinedTrace joined = h.trace(TRACE);
    assertThat(joined.links()).extracting(TraceLink::match).containsExactly(LinkMatch.EXACT);
    assertThat(joined.warnings()).anySatisfy(w -> assertThat(w).contains("before its backend span arrived"));
  }

  @Test
  void twoNodesDecidingTheSameBucket_writeOneVerdictEach() {
    RumResource resource = request().w3c(TRACE, BROWSER).build();
    h.rum(resource);
    h.spans(server(TRACE, SERVER, BROWSER));
    h.clock.advance(Duration.ofMinutes(5));
    PropagationChecker a = new PropagationChecker(h.traces, h.verdicts, h.settings);
    // Node b read the progress before node a wrote it, so it decides the same minutes again.
    PropagationChecker b = new PropagationChecker(h.traces, new ForwardingVerdictStore(h.verdicts) {
      @Override
      public CompletionStage<OptionalLong> checkedThrough() {
        return CompletableFuture.completedFuture(OptionalLong.empty());
      }
    }, h.settings);

    CheckRun runA = a.runOnce(h.clock.instant());
    CheckRun runB = b.runOnce(h.clock.instant());

    assertThat(runA.decided()).containsExactly(java.util.Map.entry(PropagationVerdict.LINKED, 1));
    assertThat(runB.decided()).isEqualTo(runA.decided());
    assertThat(h.verdicts.verdicts(TRACE.key()).toCompletableFuture().join()).hasSize(1);
  }

  @Test
  void sameResourceDeliveredTwice_inDifferentMinutes_hasOneVerdict_countedOnce() {
    RumResource resource = request().w3c(TRACE, BROWSER).build();
    h.rum(resource);
    h.clock.advance(Duration.ofMinutes(3));
    h.rum(resource);
    h.spans(server(TRACE, SERVER, BROWSER));

    h.checkAfterGrace();

    List<HealthCount> counts = h.verdicts.health("shop-web", T0 - 3_600_000 * MS, T0 + 3_600_000 * MS)
        .toCompletableFuture().join().counts();
    assertThat(counts).singleElement().satisfies(c -> {
      assertThat(c.count()).isEqualTo(1);
      assertThat(c.verdict()).isEqualTo(PropagationVerdict.LINKED);
      assertThat(c.urlPattern()).isEqualTo("api.shop.example/cart/{id}");
      assertThat(c.headerFormats()).isEqualTo("w3c");
      assertThat(c.exampleTraceIds()).containsExactly(TRACE);
    });
  }

  @Test
  void backlog_isWorkedOffInBoundedRuns() {
    RumResource resource = request().w3c(TRACE, BROWSER).build();
    h.rum(resource);
    PropagationChecker small = new PropagationChecker(h.traces, h.verdicts,
        new PropagationCheckSettings(Duration.ofMinutes(2), Duration.ofMinutes(15), Duration.ofDays(1),
            Duration.ofMinutes(10), 3, 8, 10, Duration.ZERO));
    h.clock.advance(Duration.ofMinutes(10));

    CheckRun first = small.runOnce(h.clock.instant());
    CheckRun second = small.runOnce(h.clock.instant());
    CheckRun third = small.runOnce(h.clock.instant());

    assertThat(first.bucketsChecked()).isEqualTo(3);
    assertThat(first.bucketsBehind()).isPositive();
    assertThat(first.decidedTotal() + second.decidedTotal() + third.decidedTotal()).isEqualTo(1);
    assertThat(h.verdictOf(resource)).isPresent();
  }

  @Test
  void tracesReadToDecide_areDecodedOnTheCheckersThread_notOnTheStoresIoThread() {
    RumResource resource = request().w3c(TRACE, BROWSER).build();
    h.rum(resource);
    h.spans(server(TRACE, SERVER, BROWSER));
    h.clock.advance(h.settings.grace().plus(Duration.ofMinutes(2)));

    try (IoThreadTraceStore io = new IoThreadTraceStore(h.traces)) {
      CheckRun run = new PropagationChecker(io, h.verdicts, h.settings).runOnce(h.clock.instant());

      assertThat(run.decided()).containsEntry(PropagationVerdict.LINKED, 1);
      assertThat(io.decodingThreads).containsExactly(Thread.currentThread().getName());
    }
  }

  @Test
  void busyNewestMinute_isDecidedOverTheSpread() {
    linkedRequests(20);
    PropagationChecker paced = new PropagationChecker(h.traces, h.verdicts, settings(8, Duration.ofSeconds(1)));
    // The minute of the requests is now the newest one due.
    h.clock.advance(h.settings.grace().plus(Duration.ofMinutes(1)).plusSeconds(1));

    TimedRun timed = TimedRun.of(paced, h.clock.instant());

    assertThat(timed.run().decided()).containsEntry(PropagationVerdict.LINKED, 20);
    // 20 reads and 20 stores in chunks of 8: the last chunk is due 36/40 of the spread in.
    assertThat(timed.took()).isGreaterThanOrEqualTo(Duration.ofMillis(900));
  }

  @Test
  void newestMinuteOfOneChunk_isNotPaced() {
    linkedRequests(8);
    PropagationChecker paced = new PropagationChecker(h.traces, h.verdicts, settings(8, Duration.ofMinutes(10)));
    h.clock.advance(h.settings.grace().plus(Duration.ofMinutes(1)).plusSeconds(1));

    TimedRun timed = TimedRun.of(paced, h.clock.instant());

    assertThat(timed.run().decided()).containsEntry(PropagationVerdict.LINKED, 8);
    assertThat(timed.took()).isLessThan(Duration.ofMinutes(1));
  }

  @Test
  void backlogOfOlderMinutes_isNotPaced() {
    linkedRequests(20);
    PropagationChecker paced = new PropagationChecker(h.traces, h.verdicts, settings(8, Duration.ofMinutes(10)));
    h.clock.advance(h.settings.grace().plus(Duration.ofMinutes(5)));

    TimedRun timed = TimedRun.of(paced, h.clock.instant());

    assertThat(timed.run().decided()).containsEntry(PropagationVerdict.LINKED, 20);
    assertThat(timed.took()).isLessThan(Duration.ofMinutes(1));
  }

  @Test
  void linkedRequestsToOneOrigin_recordTheOriginOncePerChunk() {
    linkedRequests(20);
    List<String> recorded = new ArrayList<>();
    PropagationChecker checker = new PropagationChecker(h.traces, new ForwardingVerdictStore(h.verdicts) {
      @Override
      public CompletionStage<Void> recordLinkedOrigin(String appId, String origin, long linkedAtNanos) {
        synchronized (recorded) {
          recorded.add(appId + " " + origin);
        }
        return super.recordLinkedOrigin(appId, origin, linkedAtNanos);
      }
    }, settings(8, Duration.ZERO));
    h.clock.advance(h.settings.grace().plus(Duration.ofMinutes(2)));

    CheckRun run = checker.runOnce(h.clock.instant());

    assertThat(run.decided()).containsEntry(PropagationVerdict.LINKED, 20);
    assertThat(recorded).hasSize(3).containsOnly(recorded.get(0));
    assertThat(h.verdicts.lastLinkedOrigin("shop-web", UrlPattern.origin("https://api.shop.example/cart/42")).toCompletableFuture().join())
        .isPresent();
  }

  /** Browser requests of one app to one origin, each continued by a server span. */
  private void linkedRequests(int count) {
    for (int i = 1; i <= count; i++) {
      TraceId trace = TraceId.fromHex("%032x".formatted(0x1000 + i));
      h.rum(request().eventId("res-" + i).w3c(trace, BROWSER).build());
      h.spans(server(trace, SERVER, BROWSER));
    }
  }

  /** One run of a checker and how long it took by the wall clock. */
  private record TimedRun(CheckRun run, Duration took) {
    static TimedRun of(PropagationChecker checker, Instant now) {
      long started = System.nanoTime();
      CheckRun run = checker.runOnce(now);
      return new TimedRun(run, Duration.ofNanos(System.nanoTime() - started));
    }
  }

  private static PropagationCheckSettings settings(int checksInFlight, Duration spread) {
    return new PropagationCheckSettings(Duration.ofMinutes(2), Duration.ofMinutes(15), Duration.ofDays(1),
        Duration.ofMinutes(10), 60, checksInFlight, 10, spread);
  }

  private static Span server(TraceId trace, SpanId id, SpanId parent) {
    return Spans.server(trace, id, parent, "checkout", T0 + 15 * MS, T0 + 80 * MS).build();
  }

  private static Span root(String path, TraceId trace, SpanId id) {
    return Spans.server(trace, id, null, "checkout", T0 + 15 * MS, T0 + 80 * MS)
        .attributes(Attributes.builder().put("http.request.method", "GET").put("url.path", path).build()).build();
  }
}
