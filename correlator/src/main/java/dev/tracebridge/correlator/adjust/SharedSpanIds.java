package dev.tracebridge.correlator.adjust;

import dev.tracebridge.core.join.LinkMatch;
import dev.tracebridge.core.join.TraceLink;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.SpanKind;
import dev.tracebridge.core.rum.HeaderFormat;
import dev.tracebridge.core.rum.PropagatedContext;
import dev.tracebridge.core.rum.RumResource;

/**
 * Zipkin's shared spans: a B3 server may record its side of an RPC under the client's span id instead of
 * a child id of its own (Jaeger repairs the same thing in its span-id deduper). The browser's propagated
 * span id is then the server span's own id, and no span has it as parent. Such a span is linked as the
 * request's server side, marked {@link LinkMatch#REPAIRED}.
 */
final class SharedSpanIds implements TraceAdjuster {

  @Override
  public void adjust(TraceDraft draft) {
    for (RumResource resource : draft.resources()) {
      if (draft.isLinked(resource.eventId())) continue;
      for (PropagatedContext context : resource.propagation()) {
        if (context.spanId() == null || context.format() == HeaderFormat.RESPONSE) continue;
        Span shared = draft.span(context.spanId());
        if (shared == null || shared.kind() != SpanKind.SERVER || !shared.traceId().sameTraceAs(context.traceId())) {
          continue;
        }
        draft.addLink(new TraceLink(resource.eventId(), context.spanId(), shared.spanId(), LinkMatch.REPAIRED));
        draft.warn("span " + shared.spanId() + " (" + shared.serviceName() + " " + shared.name()
            + ") re-used the browser's span id as its own (a B3 shared span): linked as the server side of "
            + resource.method() + " " + resource.url());
        break;
      }
    }
  }
}
