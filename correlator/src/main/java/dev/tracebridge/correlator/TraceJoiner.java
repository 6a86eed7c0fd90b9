package dev.tracebridge.correlator;

import dev.tracebridge.core.join.JoinedTrace;
import dev.tracebridge.core.join.LinkMatch;
import dev.tracebridge.core.join.TraceLink;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.rum.PropagatedContext;
import dev.tracebridge.core.rum.RumResource;
import dev.tracebridge.core.storage.TraceRecords;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Joins one trace partition's rows into a front-to-back trace. The edge across the boundary is exact:
 * a RUM resource is the parent of each backend span whose parent span id is the span id the browser
 * propagated, in the same trace. Reads never fail on odd data; what looks wrong becomes a warning.
 */
public final class TraceJoiner {

  /**
   * Joins the rows that belong to {@code requested}. When the caller asked with a 64-bit id and the
   * backend knew the full 128-bit id, the joined trace carries the full one.
   */
  public JoinedTrace join(TraceId requested, TraceRecords records) {
    TraceRecords rows = records.matching(requested);
    List<Span> spans = new ArrayList<>(rows.spans());
    spans.sort(Comparator.comparingLong(Span::startEpochNanos).thenComparing(s -> s.spanId().toHex()));
    List<RumResource> resources = new ArrayList<>(rows.resources());
    resources.sort(Comparator.comparingLong(RumResource::epochNanos).thenComparing(RumResource::eventId));

    Map<SpanId, List<Span>> childrenByParent = new HashMap<>();
    Set<SpanId> spanIds = new HashSet<>();
    for (Span span : spans) {
      spanIds.add(span.spanId());
      if (span.parentSpanId() != null) {
        childrenByParent.computeIfAbsent(span.parentSpanId(), k -> new ArrayList<>()).add(span);
      }
    }

    List<TraceLink> links = new ArrayList<>();
    Set<SpanId> propagated = new HashSet<>();
    for (RumResource resource : resources) {
      Set<SpanId> linkedChildren = new HashSet<>();
      for (PropagatedContext context : resource.propagation()) {
        SpanId browserSpan = context.spanId();
        if (browserSpan == null) continue;
        propagated.add(browserSpan);
        for (Span child : childrenByParent.getOrDefault(browserSpan, List.of())) {
          if (!child.traceId().sameTraceAs(context.traceId()) || !linkedChildren.add(child.spanId())) {
            continue;
          }
          LinkMatch match = child.traceId().equals(context.traceId())
              ? LinkMatch.EXACT : LinkMatch.LOW_64_BITS;
          links.add(new TraceLink(resource.eventId(), browserSpan, child.spanId(), match));
        }
      }
    }

    Set<String> warnings = new LinkedHashSet<>();
    for (Span span : spans) {
      SpanId parent = span.parentSpanId();
      if (parent != null && !spanIds.contains(parent) && !propagated.contains(parent)) {
        warnings.add("span " + span.spanId() + " (" + span.serviceName() + " " + span.name()
            + ") has parent " + parent + ", which is not in the trace");
      }
      if (span.endEpochNanos() < span.startEpochNanos()) {
        warnings.add("span " + span.spanId() + " ends before it starts");
      }
    }
    return new JoinedTrace(fullestId(requested, spans), spans, resources, links, List.copyOf(warnings));
  }

  private static TraceId fullestId(TraceId requested, List<Span> spans) {
    if (!requested.is64Bit()) return requested;
    for (Span span : spans) {
      if (!span.traceId().is64Bit()) return span.traceId();
    }
    return requested;
  }
}
