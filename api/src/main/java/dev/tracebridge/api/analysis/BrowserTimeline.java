package dev.tracebridge.api.analysis;

import dev.tracebridge.core.rum.RumResource;
import java.util.List;

/**
 * The browser phases of a request, as the analysis cuts them, for the other views of a trace (the
 * Jaeger API's logs, the viewer's waterfall), so that every view shows the same phases.
 */
public final class BrowserTimeline {

  private BrowserTimeline() {}

  /**
   * A phase in nanoseconds after the request's start; {@code waiting} marks the first-byte wait, the
   * window the server's work lies in.
   */
  public record Phase(String name, String category, long fromNanos, long toNanos, boolean waiting) {}

  public static List<Phase> phases(RumResource resource) {
    return BrowserPhases.of(resource).stream()
        .map(p -> new Phase(p.name(), p.category().wireName(), p.from(), p.to(), p.waiting())).toList();
  }

  /** The request's length: its duration, or its last timing mark when that is later. */
  public static long lengthNanos(RumResource resource) {
    return BrowserPhases.length(resource);
  }
}
