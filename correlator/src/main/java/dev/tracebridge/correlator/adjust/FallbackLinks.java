package dev.tracebridge.correlator.adjust;

import dev.tracebridge.core.health.FallbackLink;
import dev.tracebridge.core.health.Verdict;
import dev.tracebridge.core.join.LinkMatch;
import dev.tracebridge.core.join.TraceLink;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.rum.PropagatedContext;
import dev.tracebridge.core.rum.RumResource;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The fallback join the propagation checker decided: a resource whose ids reached no backend span,
 * joined to the parentless server span of the same method, path, time and (when the backend recorded
 * it) session. The span's trace lives in another partition; the reader brings its spans (or, read
 * from the backend's side, the resource) as evidence. Such a link is never certain: it carries the
 * confidence the checker gave it and never counts as a clock measurement.
 */
final class FallbackLinks implements TraceAdjuster {

  @Override
  public void adjust(TraceDraft draft) {
    JoinEvidence evidence = draft.evidence();
    if (evidence.verdicts().isEmpty()) return;
    draft.addSpans(newSpans(draft, evidence.fallbackSpans()));
    draft.addResources(newResources(draft, evidence.fallbackResources()));
    for (Verdict verdict : evidence.verdicts()) {
      FallbackLink fallback = verdict.fallback();
      if (fallback == null || draft.isLinked(verdict.eventId())) continue;
      RumResource resource = find(draft, verdict.eventId());
      Span span = draft.span(fallback.spanId());
      if (resource == null || span == null || !span.traceId().equals(fallback.traceId())) continue;
      draft.addLink(new TraceLink(resource.eventId(), propagatedSpan(resource, span), span.spanId(),
          LinkMatch.FALLBACK, fallback.confidence()));
    }
  }

  /** The span id the browser sent, which the backend never received; the server span's own when none. */
  private static SpanId propagatedSpan(RumResource resource, Span span) {
    for (PropagatedContext c : resource.propagation()) {
      if (c.spanId() != null) return c.spanId();
    }
    return span.spanId();
  }

  private static List<Span> newSpans(TraceDraft draft, List<Span> candidates) {
    List<Span> out = new ArrayList<>();
    for (Span span : candidates) {
      Span present = draft.span(span.spanId());
      if (present == null || !present.traceId().equals(span.traceId())) out.add(span);
    }
    return out;
  }

  private static List<RumResource> newResources(TraceDraft draft, List<RumResource> candidates) {
    List<RumResource> out = new ArrayList<>();
    for (RumResource resource : candidates) {
      if (find(draft, resource.eventId()) == null) out.add(resource);
    }
    return out;
  }

  private static @Nullable RumResource find(TraceDraft draft, String eventId) {
    for (RumResource r : draft.resources()) {
      if (r.eventId().equals(eventId)) return r;
    }
    return null;
  }
}
