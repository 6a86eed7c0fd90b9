package dev.tracebridge.correlator.health;

import dev.tracebridge.core.health.FallbackLink;
import dev.tracebridge.core.health.PropagationVerdict;
import dev.tracebridge.core.health.RootServerSpan;
import dev.tracebridge.core.search.UrlPattern;
import dev.tracebridge.core.join.LinkMatch;
import dev.tracebridge.core.join.TraceLink;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.rum.PropagatedContext;
import dev.tracebridge.core.rum.RumResource;
import dev.tracebridge.core.rum.Sampling;
import dev.tracebridge.correlator.BrowserRequests;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * The verdict rules of docs/propagation-health.md, in their order. They run in three stages, because
 * each later stage needs a read the earlier ones usually make unnecessary: what the resource's own
 * trace partitions show, then the parentless server spans of its endpoint, then whether its backend is
 * instrumented at all. Pure functions: the same facts give the same verdict on every node.
 */
final class VerdictRules {
  private VerdictRules() {}

  /**
   * Rules 1-4: a link by ids, no response, the browser's not-sampled flag, spans of the trace that do not
   * continue the browser's span. Null when none applies.
   *
   * @param links the resource's links in its trace partitions (of its copy, if it was one)
   * @param spans the spans those links point to, by id
   * @param traceHasSpans whether any span carries one of the resource's trace ids
   */
  static @Nullable Decision byIds(RumResource resource, List<TraceLink> links, Map<SpanId, Span> spans,
      boolean traceHasSpans) {
    TraceLink best = strongest(links);
    if (best != null) {
      Span child = spans.get(best.childSpanId());
      String who = child == null ? "span " + best.childSpanId()
          : "span " + child.spanId() + " of " + child.serviceName() + " (" + child.name() + ")";
      switch (best.match()) {
        case EXACT:
          return Decision.of(PropagationVerdict.LINKED, who + " is a child of the propagated span "
              + best.propagatedSpanId());
        case LOW_64_BITS:
          return Decision.of(PropagationVerdict.ID_MISMATCH, "joined on the low 64 bits only: the browser sent trace "
              + sentTraceId(resource, best.propagatedSpanId()) + ", " + who + " belongs to trace "
              + (child == null ? "?" : child.traceId().toHex()));
        case REPAIRED:
          return Decision.of(PropagationVerdict.ID_MISMATCH, best.childSpanId().equals(best.propagatedSpanId())
              ? "joined only after repair: " + who + " re-used the browser's span id as its own"
              : "joined only after repair: " + who + " names a parent that a hop re-generated, not the browser's span "
                  + best.propagatedSpanId());
        case RESPONSE:
          if (child != null && child.isRoot()) {
            return Decision.of(PropagationVerdict.HEADER_STRIPPED, "the response named " + who + " of trace "
                + child.traceId().toHex() + ", a root span: the request arrived without its trace headers");
          }
          return Decision.of(PropagationVerdict.ID_MISMATCH, "the response named " + who
              + ", whose parent is not the browser's span: the backend continued other ids");
        default:
          break;
      }
    }
    if (resource.statusCode() == 0) {
      return Decision.of(PropagationVerdict.CORS_BLOCKED, "the browser saw no response (status 0): the CORS"
          + " preflight was refused or the response lacked CORS headers (or the network failed)");
    }
    if (BrowserRequests.sampling(resource) == Sampling.NOT_SAMPLED) {
      return Decision.of(PropagationVerdict.SAMPLED_OUT, "the browser sent a not-sampled flag ("
          + BrowserRequests.headerFormats(resource) + "), so a parent-based backend recorded nothing");
    }
    if (traceHasSpans) {
      return Decision.of(PropagationVerdict.ID_MISMATCH, "spans of trace " + primaryTraceId(resource)
          + " arrived, but none continues a span id the browser sent");
    }
    return null;
  }

  /**
   * Rule 5: parentless server spans of the same method and path in the window mean the request reached an
   * instrumented backend that started a trace of its own. Null when there are none.
   */
  static @Nullable Decision byCandidates(RumResource resource, List<RootServerSpan> candidates,
      Duration window) {
    if (candidates.isEmpty()) return null;
    RootServerSpan first = candidates.get(0);
    FallbackLink fallback = FallbackMatcher.match(resource, candidates);
    String found = candidates.size() + " parentless " + first.method() + " " + first.pathPattern()
        + " server span(s) of " + first.service() + " started within " + window.toMinutes()
        + " min of the request: it arrived without its trace headers";
    String joined = fallback == null ? "; none could be told apart as this request's"
        : "; joined by fallback to span " + fallback.spanId() + " of trace " + fallback.traceId().toHex()
            + " (" + fallback.basis() + ")";
    return new Decision(PropagationVerdict.HEADER_STRIPPED, found + joined, fallback);
  }

  /**
   * Rules 6-7: no span at all. If a request of the app to the same origin was linked recently (by the
   * deciding nodes' clock), the backend is instrumented and its sampler dropped this one; otherwise nothing
   * instruments it.
   */
  static Decision byOrigin(RumResource resource, OptionalLong lastLinked, long nowNanos, Duration evidenceWindow) {
    String origin = UrlPattern.origin(resource.url());
    long since = nowNanos - evidenceWindow.toNanos();
    if (lastLinked.isPresent() && lastLinked.getAsLong() >= since) {
      return Decision.of(PropagationVerdict.SAMPLED_OUT, "no span of trace " + primaryTraceId(resource)
          + " arrived, yet " + origin + " is instrumented (a request of the app to it was linked within "
          + evidenceWindow.toHours() + " h): the backend's sampler dropped this one");
    }
    return Decision.of(PropagationVerdict.NOT_INSTRUMENTED, "no span of trace " + primaryTraceId(resource)
        + " arrived, and no request of the app to " + origin + " was linked within " + evidenceWindow.toHours()
        + " h: nothing there records spans");
  }

  private static @Nullable TraceLink strongest(List<TraceLink> links) {
    TraceLink best = null;
    for (TraceLink link : links) {
      if (best == null || rank(link.match()) < rank(best.match())) best = link;
    }
    return best;
  }

  /** Lower is stronger: an exact edge decides, then the weaker id matches, then the response's word. */
  private static int rank(LinkMatch match) {
    switch (match) {
      case EXACT:
        return 0;
      case LOW_64_BITS:
        return 1;
      case REPAIRED:
        return 2;
      case RESPONSE:
        return 3;
      default:
        return 4;
    }
  }

  private static String sentTraceId(RumResource resource, SpanId propagated) {
    for (PropagatedContext c : resource.propagation()) {
      if (propagated.equals(c.spanId())) return c.traceId().toHex();
    }
    return primaryTraceId(resource);
  }

  private static String primaryTraceId(RumResource resource) {
    PropagatedContext primary = BrowserRequests.primaryRequestContext(resource);
    return primary == null ? "?" : primary.traceId().toHex();
  }
}
