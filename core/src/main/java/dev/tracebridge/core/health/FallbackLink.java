package dev.tracebridge.core.health;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.TraceId;

/**
 * A browser resource joined to a backend span without ids: same method and path, inside the time
 * window, and (for the confident ones) the same RUM session in the span's baggage. Never certain, so it
 * always carries its confidence and the reason for it.
 *
 * @param confidence in (0, 1): how likely the span served this very request
 * @param basis what matched, for a person reading the trace
 */
public record FallbackLink(TraceId traceId, SpanId spanId, double confidence, String basis) {

  public FallbackLink {
    requireNonNull(traceId, "traceId");
    requireNonNull(spanId, "spanId");
    requireNonNull(basis, "basis");
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("confidence: " + confidence + " (expected: > 0 and < 1)");
    }
  }
}
