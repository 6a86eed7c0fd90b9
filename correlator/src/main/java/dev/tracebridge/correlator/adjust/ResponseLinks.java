package dev.tracebridge.correlator.adjust;

import dev.tracebridge.core.join.LinkMatch;
import dev.tracebridge.core.join.TraceLink;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.SpanKind;
import dev.tracebridge.core.rum.HeaderFormat;
import dev.tracebridge.core.rum.PropagatedContext;
import dev.tracebridge.core.rum.RumResource;
import org.jspecify.annotations.Nullable;

/**
 * Ids the server sent back ({@code traceresponse}, {@code Server-Timing: traceparent;desc=...}, a
 * document's {@code <meta>} tag) name the server's own span, so the link goes to that span itself rather
 * than to a child of a browser span. A document load can carry no request headers, so this is how it
 * joins; a request whose headers were lost on the way joins this way too, and its verdict says so. A
 * context without a span id (Datadog's {@code dd-trace-id} meta tag) links to the trace's first server
 * span that has no parent in the trace.
 */
final class ResponseLinks implements TraceAdjuster {

  @Override
  public void adjust(TraceDraft draft) {
    for (RumResource resource : draft.resources()) {
      if (draft.isLinked(resource.eventId())) continue;
      for (PropagatedContext context : resource.propagation()) {
        if (context.format() != HeaderFormat.RESPONSE) continue;
        Span server = context.spanId() == null ? entrySpan(draft, context) : draft.span(context.spanId());
        if (server == null || !server.traceId().sameTraceAs(context.traceId())) continue;
        draft.addLink(new TraceLink(resource.eventId(), server.spanId(), server.spanId(), LinkMatch.RESPONSE));
        break;
      }
    }
  }

  private static @Nullable Span entrySpan(TraceDraft draft, PropagatedContext context) {
    for (Span span : draft.spans()) {
      boolean entry = span.parentSpanId() == null || draft.span(span.parentSpanId()) == null;
      if (entry && span.kind() == SpanKind.SERVER && span.traceId().sameTraceAs(context.traceId())) return span;
    }
    return null;
  }
}
