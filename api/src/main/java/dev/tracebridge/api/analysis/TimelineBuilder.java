package dev.tracebridge.api.analysis;

import dev.tracebridge.core.join.ClockCorrection;
import dev.tracebridge.core.join.JoinedTrace;
import dev.tracebridge.core.join.TraceLink;
import dev.tracebridge.core.model.Resource;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.rum.RumResource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Lays a joined trace out as one tree on one time axis. A browser request is cut into its phases and
 * the backend spans it started hang under its first-byte wait; other spans hang under their parent.
 * Spans whose parent never arrived, and cycles in bad data, become roots of their own; several roots
 * share a synthetic root spanning them all. Children are then clipped into their parents.
 *
 * <p>No clock-skew correction is applied yet (none is measured): a backend span outside the browser's
 * request window is clipped into it and a warning says by how much.
 */
final class TimelineBuilder {
  /** Backend spans this far outside the browser's window are worth a warning; less is rounding. */
  private static final long SKEW_WARNING_NANOS = 1_000_000;
  static final String BROWSER_PREFIX = "browser:";

  private TimelineBuilder() {}

  static String browserService(RumResource resource) {
    return BROWSER_PREFIX + resource.context().appId();
  }

  static Timeline build(JoinedTrace trace) {
    List<String> warnings = new ArrayList<>();
    Map<SpanId, TimelineNode> spans = new LinkedHashMap<>();
    @Nullable Resource lastResource = null;
    String service = "";
    @Nullable ClockCorrection correction = null;
    for (Span span : trace.spans()) {
      if (spans.containsKey(span.spanId())) {
        warnings.add("span " + span.spanId().toHex() + " appears more than once; the first copy is analysed");
        continue;
      }
      // A span's service is its resource's, and the spans of one export share one Resource: look the
      // service and its correction up again only when the resource changes.
      if (span.resource() != lastResource) {
        lastResource = span.resource();
        service = span.serviceName();
        correction = trace.clockCorrection(service).orElse(null);
      }
      spans.put(span.spanId(), new TimelineNode(TimelineNode.Kind.SPAN, span.spanId().toHex(), span.name(), service,
          // On the browser's clock where the correlator measured the offset of this span's service
          // (as JoinedTrace.correctedStartEpochNanos/correctedEndEpochNanos).
          Category.BACKEND, correction == null ? span.startEpochNanos() : correction.correct(span.startEpochNanos()),
          correction == null ? span.endEpochNanos() : correction.correct(span.endEpochNanos()), span, null));
    }

    Map<String, TimelineNode> waitByResource = new HashMap<>();
    List<TimelineNode> roots = new ArrayList<>();
    for (RumResource resource : trace.resources()) {
      waitByResource.put(resource.eventId(), addResource(resource, roots));
    }

    Map<SpanId, TimelineNode> linkedParent = new HashMap<>();
    for (TraceLink link : trace.links()) {
      TimelineNode wait = waitByResource.get(link.resourceEventId());
      if (wait != null) linkedParent.putIfAbsent(link.childSpanId(), wait);
    }

    Map<TimelineNode, TimelineNode> parentOf = new HashMap<>();
    for (Map.Entry<SpanId, TimelineNode> entry : spans.entrySet()) {
      TimelineNode node = entry.getValue();
      TimelineNode parent = linkedParent.get(entry.getKey());
      SpanId parentId = node.span.parentSpanId();
      if (parent == null && parentId != null) parent = spans.get(parentId);
      if (parent != null && parent != node) parentOf.put(node, parent);
    }
    breakCycles(spans.values(), parentOf, warnings);
    for (TimelineNode node : spans.values()) {
      TimelineNode parent = parentOf.get(node);
      if (parent == null) {
        roots.add(node);
      } else {
        parent.addChild(node);
      }
    }

    TimelineNode root = roots.size() == 1 ? roots.get(0) : traceRoot(trace, roots);
    place(root, warnings);
    return new Timeline(root, spans, List.copyOf(warnings));
  }

  /** Adds a browser request and its phases as a root; answers the node its backend spans hang under. */
  private static TimelineNode addResource(RumResource resource, List<TimelineNode> roots) {
    long start = resource.epochNanos();
    String service = browserService(resource);
    TimelineNode node = new TimelineNode(TimelineNode.Kind.RESOURCE, resource.eventId(),
        resource.method() + " " + resource.url(), service, Category.FRONTEND, start,
        start + BrowserPhases.length(resource), null, resource);
    roots.add(node);
    TimelineNode wait = node;
    for (BrowserPhases.Phase phase : BrowserPhases.of(resource)) {
      TimelineNode child = new TimelineNode(TimelineNode.Kind.PHASE, resource.eventId() + ":" + phase.name(),
          phase.name(), service, phase.category(), start + phase.from(), start + phase.to(), null, resource);
      node.addChild(child);
      if (phase.waiting()) wait = child;
    }
    return wait;
  }

  private static TimelineNode traceRoot(JoinedTrace trace, List<TimelineNode> roots) {
    long start = Long.MAX_VALUE;
    long end = Long.MIN_VALUE;
    for (TimelineNode node : roots) {
      start = Math.min(start, node.rawStart);
      end = Math.max(end, node.rawEnd);
    }
    if (roots.isEmpty()) {
      start = 0;
      end = 0;
    }
    // Between browser requests the browser was busy (or idle) on its own; between unconnected
    // backend roots nothing says what happened.
    Category between = trace.resources().isEmpty() ? Category.UNATTRIBUTED : Category.FRONTEND;
    String service = trace.resources().isEmpty() ? "" : browserService(trace.resources().get(0));
    TimelineNode root = new TimelineNode(TimelineNode.Kind.TRACE, trace.traceId().toHex(), "trace",
        service, between, start, end, null, null);
    roots.forEach(root::addChild);
    return root;
  }

  /**
   * Cuts every cycle in the parent relation (A's parent B, B's parent A: bad data). Of the spans in the
   * cycle, the one that started first (the longest of those) is the likeliest real root: it loses its
   * parent and the rest of the cycle hangs under it.
   */
  private static void breakCycles(Iterable<TimelineNode> nodes, Map<TimelineNode, TimelineNode> parentOf,
      List<String> warnings) {
    Set<TimelineNode> reachesRoot = new HashSet<>();
    Set<TimelineNode> path = new HashSet<>();
    for (TimelineNode start : nodes) {
      path.clear();
      TimelineNode node = start;
      while (node != null && !reachesRoot.contains(node)) {
        if (!path.add(node)) {
          TimelineNode cut = earliestInCycle(node, parentOf);
          warnings.add("span " + cut.id + " is its own ancestor; it is analysed as a root");
          parentOf.remove(cut);
          break;
        }
        node = parentOf.get(node);
      }
      reachesRoot.addAll(path);
    }
  }

  private static TimelineNode earliestInCycle(TimelineNode member, Map<TimelineNode, TimelineNode> parentOf) {
    TimelineNode best = member;
    for (TimelineNode n = parentOf.get(member); n != null && n != member; n = parentOf.get(n)) {
      boolean earlier = n.rawStart < best.rawStart
          || n.rawStart == best.rawStart && n.rawEnd - n.rawStart > best.rawEnd - best.rawStart;
      if (earlier) best = n;
    }
    return best;
  }

  /** Clips every node into its parent, top-down, and says where the boundary needed it. */
  private static void place(TimelineNode root, List<String> warnings) {
    Deque<TimelineNode> todo = new ArrayDeque<>();
    todo.push(root);
    while (!todo.isEmpty()) {
      TimelineNode parent = todo.pop();
      for (TimelineNode child : parent.children) {
        long start = Math.max(child.rawStart, parent.start);
        long end = Math.min(child.rawEnd, parent.end);
        child.placed = parent.placed && end > start;
        child.start = Math.min(start, parent.end);
        child.end = Math.max(child.start, end);
        if (child.kind == TimelineNode.Kind.SPAN && parent.kind == TimelineNode.Kind.PHASE) {
          warnIfOutside(child, parent, warnings);
        }
        todo.push(child);
      }
    }
  }

  private static void warnIfOutside(TimelineNode span, TimelineNode window, List<String> warnings) {
    long early = window.start - span.rawStart;
    long late = span.rawEnd - window.end;
    if (early <= SKEW_WARNING_NANOS && late <= SKEW_WARNING_NANOS) return;
    StringBuilder text = new StringBuilder("backend span ").append(span.id).append(" (")
        .append(span.service).append(' ').append(span.name).append(") lies outside the browser's ")
        .append(window.name).append(" window (");
    if (early > SKEW_WARNING_NANOS) text.append("starts ").append(Millis.format(early)).append(" ms early");
    if (early > SKEW_WARNING_NANOS && late > SKEW_WARNING_NANOS) text.append(", ");
    if (late > SKEW_WARNING_NANOS) text.append("ends ").append(Millis.format(late)).append(" ms late");
    text.append("); no clock-skew correction is measured, so it was clipped to the window");
    warnings.add(text.toString());
  }
}
