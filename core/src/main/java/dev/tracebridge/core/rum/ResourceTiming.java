package dev.tracebridge.core.rum;

/**
 * A Resource Timing entry, every mark in nanoseconds after the resource's own start ({@code startTime}),
 * or {@link #UNKNOWN} where the browser gave none (cross-origin without Timing-Allow-Origin zeroes the
 * request and response marks).
 */
public record ResourceTiming(
    long redirectStart,
    long redirectEnd,
    long fetchStart,
    long domainLookupStart,
    long domainLookupEnd,
    long connectStart,
    long connectEnd,
    long secureConnectionStart,
    long requestStart,
    long responseStart,
    long responseEnd) {

  public static final long UNKNOWN = -1;

  /** Whether the request and first-byte marks are there: the window that bounds server time. */
  public boolean hasRequestWindow() {
    return requestStart != UNKNOWN && responseStart != UNKNOWN && responseStart >= requestStart;
  }
}
