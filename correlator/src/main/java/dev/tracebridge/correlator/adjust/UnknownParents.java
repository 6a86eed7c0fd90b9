package dev.tracebridge.correlator.adjust;

import dev.tracebridge.core.join.TraceLink;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.rum.PropagatedContext;
import dev.tracebridge.core.rum.RumResource;
import java.util.HashSet;
import java.util.Set;

/**
 * Annotates what no step could explain: a span whose parent is neither in the trace, nor a span id a
 * browser sent, nor repaired into a link (its parent is missing: not yet arrived, dropped, or never
 * exported), and a span that ends before it starts. The spans stay as they are.
 */
final class UnknownParents implements TraceAdjuster {

  @Override
  public void adjust(TraceDraft draft) {
    Set<SpanId> explained = new HashSet<>();
    for (RumResource resource : draft.resources()) {
      for (PropagatedContext c : resource.propagation()) {
        if (c.spanId() != null) explained.add(c.spanId());
      }
    }
    Set<SpanId> linkedChildren = new HashSet<>();
    for (TraceLink link : draft.links()) linkedChildren.add(link.childSpanId());
    for (Span span : draft.spans()) {
      SpanId parent = span.parentSpanId();
      if (parent != null && draft.span(parent) == null && !explained.contains(parent)
          && !linkedChildren.contains(span.spanId())) {
        draft.warn("span " + span.spanId() + " (" + span.serviceName() + " " + span.name() + ") has parent " + parent
            + ", which is not in the trace");
      }
      if (span.endEpochNanos() < span.startEpochNanos()) {
        draft.warn("span " + span.spanId() + " ends before it starts");
      }
    }
  }
}
