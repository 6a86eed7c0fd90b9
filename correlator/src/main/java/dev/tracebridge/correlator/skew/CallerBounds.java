package dev.tracebridge.correlator.skew;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.join.ClockCorrection;
import dev.tracebridge.core.model.Span;
import java.util.List;

/**
 * Bounds a service the browser did not call by the spans that called it: a callee's span lies inside
 * its caller's span, both on the browser's clock, so {@code caller.start + callerOffset - callee.start
 * <= offset <= caller.end + callerOffset - callee.end}, widened by the caller's own uncertainty.
 *
 * <p>Inside those bounds nothing says where the offset is, so the callee keeps its caller's offset when
 * that fits (services in one data centre share a clock far better than browsers do) and otherwise takes
 * the nearest bound: the smallest shift that makes the spans nest. The child is never centred in its
 * parent, which would invent a skew where the clocks agree.
 */
public final class CallerBounds {
  private CallerBounds() {}

  /** One call: {@code callee}'s parent is {@code caller}, whose service has {@code callerCorrection}. */
  public record Call(Span caller, ClockCorrection callerCorrection, Span callee) {
    public Call {
      requireNonNull(caller, "caller");
      requireNonNull(callerCorrection, "callerCorrection");
      requireNonNull(callee, "callee");
    }

    long low() {
      return caller.startEpochNanos() + callerCorrection.offsetNanos() - callerCorrection.uncertaintyNanos()
          - callee.startEpochNanos();
    }

    long high() {
      return caller.endEpochNanos() + callerCorrection.offsetNanos() + callerCorrection.uncertaintyNanos()
          - callee.endEpochNanos();
    }
  }

  public static ClockCorrection fromCallers(String service, List<Call> calls) {
    requireNonNull(service, "service");
    if (calls.isEmpty()) throw new IllegalArgumentException("calls: empty (expected: at least one)");
    long low = Long.MIN_VALUE;
    long high = Long.MAX_VALUE;
    for (Call call : calls) {
      low = Math.max(low, call.low());
      high = Math.min(high, call.high());
    }
    ClockCorrection caller = calls.get(0).callerCorrection();
    if (low > high) {
      Call tightest = calls.get(0);
      for (Call call : calls) {
        if (call.high() - call.low() < tightest.high() - tightest.low()) tightest = call;
      }
      low = Math.min(tightest.low(), tightest.high());
      high = Math.max(tightest.low(), tightest.high());
    }
    long preferred = caller.offsetNanos();
    long offset = Math.max(low, Math.min(high, preferred));
    long uncertainty = Math.max(offset - low, high - offset);
    return new ClockCorrection(service, caller.sessionId(), offset, uncertainty, low, high, calls.size(),
        ClockCorrection.Basis.PARENT_SPANS);
  }
}
