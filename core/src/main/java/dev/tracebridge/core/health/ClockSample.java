package dev.tracebridge.core.health;

import static java.util.Objects.requireNonNull;

/**
 * What one linked request says about the offset between a browser's clock and a backend service's
 * clock: the server span must lie inside the browser's request window, so {@code browser - server} is
 * at least {@code lowNanos} and at most {@code highNanos}. Samples of a session are intersected.
 *
 * @param eventId the RUM resource measured; a re-sent resource gives the same sample, not a second one
 */
public record ClockSample(
    String appId, String sessionId, String service, String eventId, long lowNanos, long highNanos) {

  public ClockSample {
    requireNonNull(appId, "appId");
    requireNonNull(sessionId, "sessionId");
    requireNonNull(service, "service");
    requireNonNull(eventId, "eventId");
  }

  /** False when the server span was longer than the browser's window: the sample bounds nothing. */
  public boolean isConsistent() {
    return lowNanos <= highNanos;
  }

  public long widthNanos() {
    return highNanos - lowNanos;
  }
}
