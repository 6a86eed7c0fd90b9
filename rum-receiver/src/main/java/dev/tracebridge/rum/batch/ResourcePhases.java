package dev.tracebridge.rum.batch;

import dev.tracebridge.core.rum.ResourceTiming;
import org.jspecify.annotations.Nullable;

/**
 * Datadog and Guance report Resource Timing as phases ({@code dns}, {@code connect}, {@code ssl},
 * {@code first_byte}, {@code download}, {@code redirect}), each a start and a duration in nanoseconds after
 * the resource's start. This turns them back into the marks of {@link ResourceTiming}. An SDK leaves a
 * phase out when it did not happen (a reused connection has no dns or connect), so those marks stay
 * unknown. {@code fetchStart} is never reported as a phase and stays unknown.
 */
public final class ResourcePhases {
  private static final long UNKNOWN = ResourceTiming.UNKNOWN;

  private long redirectStart = UNKNOWN;
  private long redirectEnd = UNKNOWN;
  private long domainLookupStart = UNKNOWN;
  private long domainLookupEnd = UNKNOWN;
  private long connectStart = UNKNOWN;
  private long connectEnd = UNKNOWN;
  private long secureConnectionStart = UNKNOWN;
  private long requestStart = UNKNOWN;
  private long responseStart = UNKNOWN;
  private long responseEnd = UNKNOWN;
  private boolean any;

  public ResourcePhases redirect(long start, long duration) {
    redirectStart = start;
    redirectEnd = start + duration;
    any = true;
    return this;
  }

  public ResourcePhases dns(long start, long duration) {
    domainLookupStart = start;
    domainLookupEnd = start + duration;
    any = true;
    return this;
  }

  public ResourcePhases connect(long start, long duration) {
    connectStart = start;
    connectEnd = start + duration;
    any = true;
    return this;
  }

  /** TLS runs from secureConnectionStart to connectEnd. */
  public ResourcePhases ssl(long start, long duration) {
    secureConnectionStart = start;
    if (connectEnd == UNKNOWN) connectEnd = start + duration;
    any = true;
    return this;
  }

  /** Waiting for the first byte: requestStart to responseStart, the window that bounds server time. */
  public ResourcePhases firstByte(long start, long duration) {
    requestStart = start;
    responseStart = start + duration;
    any = true;
    return this;
  }

  public ResourcePhases download(long start, long duration) {
    if (responseStart == UNKNOWN) responseStart = start;
    responseEnd = start + duration;
    any = true;
    return this;
  }

  /** The marks, or null when the SDK reported no phase at all (a CORS-blocked or opaque request). */
  public @Nullable ResourceTiming toTiming() {
    if (!any) return null;
    return new ResourceTiming(redirectStart, redirectEnd, UNKNOWN, domainLookupStart, domainLookupEnd,
        connectStart, connectEnd, secureConnectionStart, requestStart, responseStart, responseEnd);
  }
}
