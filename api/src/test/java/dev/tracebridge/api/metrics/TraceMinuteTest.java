package dev.tracebridge.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.core.join.JoinedTrace;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.rum.RumResource;
import dev.tracebridge.core.storage.TestTelemetry;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceMinuteTest {
  private static final long MINUTE = 28_333_333L;
  private static final long MINUTE_START = MINUTE * 60_000_000_000L;

  @Test
  void browserRequestStartedFirst_itsMinuteIsTheTraces() {
    TraceId id = TestTelemetry.randomTraceId();
    RumResource fetch = at(TestTelemetry.fullResource(id, TestTelemetry.randomSpanId()), MINUTE_START - 1);
    Span server = span(id, MINUTE_START + 5);

    assertThat(TraceMinute.of(new JoinedTrace(id, List.of(server), List.of(fetch), List.of(), List.of())))
        .hasValue(MINUTE - 1);
  }

  @Test
  void spansOfALinkedTrace_doNotMoveTheMinute() {
    TraceId id = TestTelemetry.randomTraceId();
    Span own = span(id, MINUTE_START + 5);
    Span linkedEarlier = span(TestTelemetry.randomTraceId(), MINUTE_START - 60_000_000_000L);

    assertThat(TraceMinute.of(new JoinedTrace(id, List.of(linkedEarlier, own), List.of(), List.of(), List.of())))
        .hasValue(MINUTE);
  }

  @Test
  void nothingOfItsOwn_hasNoMinute() {
    TraceId id = TestTelemetry.randomTraceId();

    assertThat(TraceMinute.of(new JoinedTrace(id, List.of(span(TestTelemetry.randomTraceId(), MINUTE_START)),
        List.of(), List.of(), List.of()))).isEmpty();
  }

  private static Span span(TraceId id, long startNanos) {
    return TestTelemetry.fullSpan(id, TestTelemetry.randomSpanId(), null).toBuilder().startEpochNanos(startNanos)
        .endEpochNanos(startNanos + 1_000).build();
  }

  private static RumResource at(RumResource r, long epochNanos) {
    return new RumResource(r.eventId(), r.context(), epochNanos, r.durationNanos(), r.type(), r.url(), r.method(),
        r.statusCode(), r.timing(), r.propagation(), r.traceHeaders(), r.attributes());
  }
}
