package dev.tracebridge.core.join;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.model.SpanId;

/**
 * The edge across the browser/backend boundary: the RUM resource {@code resourceEventId} is the parent
 * of the backend span {@code childSpanId}, because that span's parent is the span id the browser
 * propagated ({@code propagatedSpanId}).
 */
public record TraceLink(
    String resourceEventId, SpanId propagatedSpanId, SpanId childSpanId, LinkMatch match) {

  public TraceLink {
    requireNonNull(resourceEventId, "resourceEventId");
    requireNonNull(propagatedSpanId, "propagatedSpanId");
    requireNonNull(childSpanId, "childSpanId");
    requireNonNull(match, "match");
  }
}
