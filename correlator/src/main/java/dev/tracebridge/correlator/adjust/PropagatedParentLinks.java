package dev.tracebridge.correlator.adjust;

import dev.tracebridge.core.join.LinkMatch;
import dev.tracebridge.core.join.TraceLink;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.SpanKind;
import dev.tracebridge.core.rum.HeaderFormat;
import dev.tracebridge.core.rum.PropagatedContext;
import dev.tracebridge.core.rum.RumResource;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exact edge: a resource is the parent of each span whose parent span id is the span id the browser
 * propagated, in the same trace. Equal 128-bit ids make an {@link LinkMatch#EXACT} link; equal low 64
 * bits with one side knowing only those make a {@link LinkMatch#LOW_64_BITS} one. A browser that sent
 * several formats at once gets one edge per server span, the strongest any of its formats gives (a
 * W3C 128-bit id beats the 64-bit Datadog copy of it).
 */
final class PropagatedParentLinks implements TraceAdjuster {

  @Override
  public void adjust(TraceDraft draft) {
    for (RumResource resource : draft.resources()) {
      Map<SpanId, TraceLink> byChild = new LinkedHashMap<>();
      for (PropagatedContext context : resource.propagation()) {
        SpanId browserSpan = context.spanId();
        if (browserSpan == null || context.format() == HeaderFormat.RESPONSE) continue;
        // A server span that carries the browser's span id as its own is a B3 shared span: the spans under
        // it are its children, not the browser's (SharedSpanIds links it). A browser span an SDK exported
        // itself is a CLIENT span, and the spans under it are the server side, as usual.
        Span own = draft.span(browserSpan);
        if (own != null && own.kind() == SpanKind.SERVER) continue;
        for (Span child : draft.children(browserSpan)) {
          if (!child.traceId().sameTraceAs(context.traceId())) continue;
          LinkMatch match = child.traceId().equals(context.traceId()) ? LinkMatch.EXACT : LinkMatch.LOW_64_BITS;
          TraceLink existing = byChild.get(child.spanId());
          if (existing == null || (existing.match() != LinkMatch.EXACT && match == LinkMatch.EXACT)) {
            byChild.put(child.spanId(), new TraceLink(resource.eventId(), browserSpan, child.spanId(), match));
          }
        }
      }
      byChild.values().forEach(draft::addLink);
    }
  }
}
