package dev.tracebridge.correlator.adjust;

import dev.tracebridge.core.join.LinkMatch;
import dev.tracebridge.core.join.TraceLink;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.SpanKind;
import dev.tracebridge.core.rum.HeaderFormat;
import dev.tracebridge.core.rum.PropagatedContext;
import dev.tracebridge.core.rum.RumResource;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A backend that continued the browser's trace id but not its span id: a hop in between (a proxy, a
 * gateway, a mesh sidecar whose spans are not exported) made up a span id of its own and passed that on
 * as the parent. The first recorded span then names a parent that is neither in the trace nor any span
 * id the browser sent. When a traced resource of the same trace id is still unlinked, that span is
 * linked to it, marked {@link LinkMatch#REPAIRED}: the trace id alone says it served this request.
 *
 * <p>Server spans are preferred over other kinds, and earlier over later; each span is linked to one
 * resource at most, resources taking them in start order.
 */
final class RegeneratedParents implements TraceAdjuster {

  @Override
  public void adjust(TraceDraft draft) {
    Set<SpanId> browserSpans = new HashSet<>();
    for (RumResource resource : draft.resources()) {
      for (PropagatedContext c : resource.propagation()) {
        if (c.spanId() != null) browserSpans.add(c.spanId());
      }
    }
    Set<SpanId> claimed = new HashSet<>();
    for (TraceLink link : draft.links()) claimed.add(link.childSpanId());
    for (RumResource resource : draft.resources()) {
      if (draft.isLinked(resource.eventId())) continue;
      for (PropagatedContext context : resource.propagation()) {
        if (context.format() == HeaderFormat.RESPONSE) continue;
        Span orphan = firstOrphan(draft, context, browserSpans, claimed);
        if (orphan == null) continue;
        SpanId propagated = context.spanId() != null ? context.spanId() : orphan.parentSpanId();
        claimed.add(orphan.spanId());
        draft.addLink(new TraceLink(resource.eventId(), propagated, orphan.spanId(), LinkMatch.REPAIRED));
        draft.warn("span " + orphan.spanId() + " (" + orphan.serviceName() + " " + orphan.name() + ") has parent "
            + orphan.parentSpanId() + ", which is neither in the trace nor the browser's span "
            + (context.spanId() == null ? "(none sent)" : context.spanId())
            + ": a hop re-generated the span id; linked to " + resource.method() + " " + resource.url()
            + " by the trace id");
        break;
      }
    }
  }

  private static @Nullable Span firstOrphan(TraceDraft draft, PropagatedContext context, Set<SpanId> browserSpans,
      Set<SpanId> claimed) {
    Span best = null;
    for (Span span : draft.spans()) {
      SpanId parent = span.parentSpanId();
      if (parent == null || draft.span(parent) != null || browserSpans.contains(parent)
          || claimed.contains(span.spanId()) || !span.traceId().sameTraceAs(context.traceId())) {
        continue;
      }
      if (best == null || (span.kind() == SpanKind.SERVER && best.kind() != SpanKind.SERVER)) best = span;
    }
    return best;
  }
}
