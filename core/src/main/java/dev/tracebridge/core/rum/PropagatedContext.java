package dev.tracebridge.core.rum;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.TraceId;
import org.jspecify.annotations.Nullable;

/**
 * A trace context a browser request carried (or a response returned), already in canonical ids. The
 * span id is the one the backend sees as its parent; some formats carry none.
 */
public record PropagatedContext(
    HeaderFormat format, TraceId traceId, @Nullable SpanId spanId, Sampling sampling) {

  public PropagatedContext {
    requireNonNull(format, "format");
    requireNonNull(traceId, "traceId");
    requireNonNull(sampling, "sampling");
  }
}
