package dev.tracebridge.core.model;

import static java.util.Objects.requireNonNull;

/** A link from a span to another span, possibly in another trace. */
public record SpanLink(
    TraceId traceId,
    SpanId spanId,
    String traceState,
    int flags,
    Attributes attributes,
    int droppedAttributesCount) {

  public SpanLink {
    requireNonNull(traceId, "traceId");
    requireNonNull(spanId, "spanId");
    requireNonNull(traceState, "traceState");
    requireNonNull(attributes, "attributes");
  }
}
