package dev.tracebridge.correlator;

import static dev.tracebridge.correlator.Requests.MS;
import static dev.tracebridge.correlator.Requests.T0;
import static dev.tracebridge.correlator.Requests.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.core.health.ClockSample;
import dev.tracebridge.core.join.ClockCorrection;
import dev.tracebridge.core.join.JoinedTrace;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.SpanKind;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.rum.RumResource;
import dev.tracebridge.core.storage.TraceRecords;
import dev.tracebridge.correlator.adjust.JoinEvidence;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Clock corrections as a joined trace carries them. */
class ClockCorrectionJoinTest {
  private static final TraceId TRACE = TraceId.fromHex("4bf92f3577b34da6a3ce929d0e0e4736");
  private static final SpanId BROWSER = SpanId.fromHex("00f067aa0ba902b7");
  private static final SpanId SERVER = SpanId.fromHex("53995c3f42cd8ad8");
  /** The server's clock is 4 minutes behind the browser's. */
  private static final long SKEW = 240_000 * MS;

  private final TraceJoiner joiner = new TraceJoiner();

  @Test
  void linkedRequest_measuresTheOffset_fromTheRequestWindow_andCorrectsServerTimes() {
    RumResource resource = request().w3c(TRACE, BROWSER).start(T0).timing(Requests.timing(10 * MS, 90 * MS)).build();
    Span server = Spans.server(TRACE, SERVER, BROWSER, "checkout", T0 + 30 * MS - SKEW, T0 + 70 * MS - SKEW).build();

    JoinedTrace joined = joiner.join(TRACE, new TraceRecords(TRACE.key(), List.of(server), List.of(resource)));

    ClockCorrection c = joined.clockCorrection("checkout").orElseThrow();
    assertThat(c.lowNanos()).isEqualTo(SKEW - 20 * MS);
    assertThat(c.highNanos()).isEqualTo(SKEW + 20 * MS);
    assertThat(c.offsetNanos()).isEqualTo(SKEW);
    assertThat(c.uncertaintyNanos()).isEqualTo(20 * MS);
    assertThat(joined.correctedStartEpochNanos(server)).isEqualTo(T0 + 30 * MS);
    assertThat(server.startEpochNanos()).as("the span keeps its recorded time").isEqualTo(T0 + 30 * MS - SKEW);
  }

  @Test
  void withoutResourceTiming_theFetchStartAndEndBound() {
    RumResource resource = request().w3c(TRACE, BROWSER).start(T0).duration(100 * MS).timing(null).build();
    Span server = Spans.server(TRACE, SERVER, BROWSER, "checkout", T0 + 30 * MS - SKEW, T0 + 70 * MS - SKEW).build();

    JoinedTrace joined = joiner.join(TRACE, new TraceRecords(TRACE.key(), List.of(server), List.of(resource)));

    ClockCorrection c = joined.clockCorrection("checkout").orElseThrow();
    assertThat(c.lowNanos()).isEqualTo(SKEW - 30 * MS);
    assertThat(c.highNanos()).isEqualTo(SKEW + 30 * MS);
  }

  @Test
  void sessionSamplesOfOtherRequests_narrowTheOffset() {
    RumResource resource = request().w3c(TRACE, BROWSER).start(T0).timing(Requests.timing(10 * MS, 90 * MS)).build();
    Span server = Spans.server(TRACE, SERVER, BROWSER, "checkout", T0 + 30 * MS - SKEW, T0 + 70 * MS - SKEW).build();
    ClockSample earlier = new ClockSample("shop-web", "session-1", "checkout", "res-0", SKEW - 5 * MS, SKEW + 50 * MS);

    JoinedTrace joined = joiner.join(TRACE, new TraceRecords(TRACE.key(), List.of(server), List.of(resource)),
        new JoinEvidence(List.of(), List.of(), List.of(), List.of(earlier)));

    ClockCorrection c = joined.clockCorrection("checkout").orElseThrow();
    assertThat(c.samples()).isEqualTo(2);
    assertThat(c.lowNanos()).isEqualTo(SKEW - 5 * MS);
    assertThat(c.highNanos()).isEqualTo(SKEW + 20 * MS);
  }

  @Test
  void downstreamServiceOnTheSameClock_getsTheSameOffset() {
    RumResource resource = request().w3c(TRACE, BROWSER).start(T0).timing(Requests.timing(10 * MS, 90 * MS)).build();
    Span server = Spans.server(TRACE, SERVER, BROWSER, "checkout", T0 + 30 * MS - SKEW, T0 + 70 * MS - SKEW).build();
    Span call = Spans.child(server, SpanId.fromHex("0000000000000c11"), "checkout", SpanKind.CLIENT,
        T0 + 40 * MS - SKEW, T0 + 60 * MS - SKEW).build();
    Span inventory = Spans.child(call, SpanId.fromHex("0000000000000123"), "inventory", SpanKind.SERVER,
        T0 + 42 * MS - SKEW, T0 + 58 * MS - SKEW).build();

    JoinedTrace joined = joiner.join(TRACE,
        new TraceRecords(TRACE.key(), List.of(server, call, inventory), List.of(resource)));

    ClockCorrection c = joined.clockCorrection("inventory").orElseThrow();
    assertThat(c.basis()).isEqualTo(ClockCorrection.Basis.PARENT_SPANS);
    assertThat(c.offsetNanos()).isEqualTo(SKEW);
  }

  @Test
  void traceWithoutLinks_hasNoCorrection_timesAsRecorded() {
    Span server = Spans.server(TRACE, SERVER, null, "checkout", T0, T0 + 10 * MS).build();

    JoinedTrace joined = joiner.join(TRACE, new TraceRecords(TRACE.key(), List.of(server), List.of()));

    assertThat(joined.clockCorrections()).isEmpty();
    assertThat(joined.correctedStartEpochNanos(server)).isEqualTo(T0);
  }
}
