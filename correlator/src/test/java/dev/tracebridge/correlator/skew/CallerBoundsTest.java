package dev.tracebridge.correlator.skew;

import static dev.tracebridge.correlator.Requests.MS;
import static dev.tracebridge.correlator.Requests.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.core.join.ClockCorrection;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.SpanKind;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.correlator.Spans;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallerBoundsTest {
  private static final ClockCorrection CALLER = new ClockCorrection("checkout", "s-1", 60_000 * MS, 2 * MS,
      59_998 * MS, 60_002 * MS, 3, ClockCorrection.Basis.BROWSER_WINDOWS);

  @Test
  void calleeThatFitsInsideItsCaller_keepsTheCallersOffset_neverCentred() {
    Span caller = caller(T0, T0 + 100 * MS);
    Span callee = callee(caller, T0 + 10 * MS, T0 + 20 * MS);

    ClockCorrection c = CallerBounds.fromCallers("inventory", List.of(new CallerBounds.Call(caller, CALLER, callee)));

    assertThat(c.offsetNanos()).isEqualTo(CALLER.offsetNanos());
    assertThat(c.basis()).isEqualTo(ClockCorrection.Basis.PARENT_SPANS);
    assertThat(c.lowNanos()).isLessThanOrEqualTo(c.offsetNanos()).isLessThan(c.highNanos());
  }

  @Test
  void calleeWhoseClockRunsAhead_isShiftedJustEnoughToNest() {
    Span caller = caller(T0, T0 + 100 * MS);
    Span callee = callee(caller, T0 + 5_000 * MS, T0 + 5_010 * MS);

    ClockCorrection c = CallerBounds.fromCallers("inventory", List.of(new CallerBounds.Call(caller, CALLER, callee)));

    long correctedEnd = c.correct(callee.endEpochNanos());
    long callerEnd = CALLER.correct(caller.endEpochNanos()) + CALLER.uncertaintyNanos();
    assertThat(correctedEnd).isEqualTo(callerEnd);
    assertThat(c.offsetNanos()).isEqualTo(c.highNanos());
  }

  private static Span caller(long start, long end) {
    TraceId trace = TraceId.fromHex("4bf92f3577b34da6a3ce929d0e0e4736");
    return Spans.server(trace, SpanId.fromHex("00f067aa0ba902b7"), null, "checkout", start, end).build();
  }

  private static Span callee(Span caller, long start, long end) {
    return Spans.child(caller, SpanId.fromHex("0000000000000abc"), "inventory", SpanKind.SERVER, start, end).build();
  }
}
