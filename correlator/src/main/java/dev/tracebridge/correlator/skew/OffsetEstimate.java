package dev.tracebridge.correlator.skew;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.health.ClockSample;
import dev.tracebridge.core.join.ClockCorrection;
import java.util.List;

/**
 * Combines a session's samples for one service: the offset lies in every sample's interval, so it lies
 * in their intersection, and the middle of that is the estimate (up- and downlink take about as long).
 * When the intersection is empty the samples contradict each other; that is said, and the middle of
 * the tightest single sample is used.
 */
public final class OffsetEstimate {
  private OffsetEstimate() {}

  public static ClockCorrection combine(String service, String sessionId, List<ClockSample> samples) {
    requireNonNull(service, "service");
    requireNonNull(sessionId, "sessionId");
    if (samples.isEmpty()) throw new IllegalArgumentException("samples: empty (expected: at least one)");
    long low = Long.MIN_VALUE;
    long high = Long.MAX_VALUE;
    for (ClockSample s : samples) {
      low = Math.max(low, s.lowNanos());
      high = Math.min(high, s.highNanos());
    }
    if (low <= high) {
      long half = (high - low) / 2;
      return new ClockCorrection(service, sessionId, low + half, high - low - half, low, high, samples.size(),
          ClockCorrection.Basis.BROWSER_WINDOWS);
    }
    ClockSample tightest = tightest(samples);
    long lo = Math.min(tightest.lowNanos(), tightest.highNanos());
    long hi = Math.max(tightest.lowNanos(), tightest.highNanos());
    long half = (hi - lo) / 2;
    return new ClockCorrection(service, sessionId, lo + half, hi - lo - half, lo, hi, samples.size(),
        ClockCorrection.Basis.INCONSISTENT_WINDOWS);
  }

  /** The narrowest consistent sample; the least contradictory one when none is consistent. */
  private static ClockSample tightest(List<ClockSample> samples) {
    ClockSample best = null;
    for (ClockSample s : samples) {
      if (s.isConsistent() && (best == null || s.widthNanos() < best.widthNanos())) best = s;
    }
    if (best != null) return best;
    for (ClockSample s : samples) {
      if (best == null || Math.abs(s.widthNanos()) < Math.abs(best.widthNanos())) best = s;
    }
    return best;
  }
}
