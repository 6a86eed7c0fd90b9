package dev.tracebridge.correlator.skew;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.rum.ResourceTiming;
import dev.tracebridge.core.rum.RumResource;

/**
 * When, by the browser's clock, the server could have been working on a request: from Resource Timing's
 * {@code requestStart} (the request left) to {@code responseStart} (the first byte came back). Without
 * those marks (cross-origin without Timing-Allow-Origin zeroes them) the fetch's own start and end,
 * which is wider and so bounds less, but still bounds.
 *
 * <p>Assumes the server span ends before the first byte reaches the browser, which holds for the API
 * responses the correlator joins (written in one go when the handler returns). A server that streams a
 * large body and ends its span after the last byte would break it; its request window would then be
 * contradicted by others and reported as inconsistent.
 */
public record RequestWindow(long startNanos, long endNanos, boolean fromResourceTiming) {

  public static RequestWindow of(RumResource resource) {
    requireNonNull(resource, "resource");
    ResourceTiming timing = resource.timing();
    long start = resource.epochNanos();
    if (timing != null && timing.hasRequestWindow()) {
      return new RequestWindow(start + timing.requestStart(), start + timing.responseStart(), true);
    }
    return new RequestWindow(start, start + resource.durationNanos(), false);
  }
}
