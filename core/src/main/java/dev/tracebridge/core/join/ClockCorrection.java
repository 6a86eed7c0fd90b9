package dev.tracebridge.core.join;

import static java.util.Objects.requireNonNull;

/**
 * The offset applied to one backend service's span times to put them on the browser's clock, and how
 * sure it is. A view shows {@code span time + offsetNanos}, plus or minus {@code uncertaintyNanos};
 * the spans keep their recorded times.
 *
 * @param sessionId the browser session whose clock the offset is relative to; empty when none
 * @param offsetNanos browser clock minus the service's clock, as applied
 * @param uncertaintyNanos half the width of the interval the offset was taken from
 * @param lowNanos the lower bound of that interval
 * @param highNanos the upper bound of that interval
 * @param samples how many linked requests (or caller spans, for {@link Basis#PARENT_SPANS}) bounded it
 */
public record ClockCorrection(
    String service,
    String sessionId,
    long offsetNanos,
    long uncertaintyNanos,
    long lowNanos,
    long highNanos,
    int samples,
    Basis basis) {

  public ClockCorrection {
    requireNonNull(service, "service");
    requireNonNull(sessionId, "sessionId");
    requireNonNull(basis, "basis");
    if (lowNanos > highNanos) {
      throw new IllegalArgumentException("bounds: [" + lowNanos + ", " + highNanos + "] (expected: low <= high)");
    }
    if (uncertaintyNanos < 0) {
      throw new IllegalArgumentException("uncertaintyNanos: " + uncertaintyNanos + " (expected: >= 0)");
    }
  }

  /** A time the service recorded, on the browser's clock. */
  public long correct(long serviceEpochNanos) {
    return serviceEpochNanos + offsetNanos;
  }

  /** Where the offset came from. */
  public enum Basis {
    /**
     * Measured: the intersection of the request windows of the linked requests of the session to this
     * service (Resource Timing requestStart..responseStart, or the fetch's start..end); the offset is its
     * middle, because up- and downlink take about as long.
     */
    BROWSER_WINDOWS,
    /**
     * Measured, but the windows contradict each other (their intersection is empty: a request was
     * mis-timed, or the service's clock jumped). The offset is the middle of the tightest single window.
     */
    INCONSISTENT_WINDOWS,
    /**
     * A service the browser did not call directly, bounded by its callers' spans (a callee's server
     * span lies inside its caller's client span). It keeps its caller's offset when that fits the bounds
     * (the clocks agree, as in one data centre), else the nearest bound: the smallest shift that makes
     * the spans nest.
     */
    PARENT_SPANS
  }
}
