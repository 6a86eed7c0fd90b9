package dev.tracebridge.correlator.skew;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.health.ClockSample;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.rum.RumResource;

/** Turns one linked request into bounds on {@code browser clock - server clock}. */
public final class ClockSamples {
  private ClockSamples() {}

  /**
   * The server span {@code server} served {@code resource}: it started after the request left and ended
   * before the response came back, so {@code window.start - server.start <= offset <= window.end -
   * server.end}.
   */
  public static ClockSample of(RumResource resource, Span server) {
    requireNonNull(resource, "resource");
    requireNonNull(server, "server");
    RequestWindow window = RequestWindow.of(resource);
    String session = resource.context().sessionId();
    return new ClockSample(resource.context().appId(), session == null ? "" : session, server.serviceName(),
        resource.eventId(), window.startNanos() - server.startEpochNanos(),
        window.endNanos() - server.endEpochNanos());
  }
}
