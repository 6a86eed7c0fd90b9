package dev.tracebridge.api.analysis;

import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.rum.RumResource;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One thing on a trace's front-to-back time axis: the whole trace, a browser request, one phase of it,
 * or a backend span. Built once per analysis by {@link TimelineBuilder}, then only read. {@code start}
 * and {@code end} are where it is placed: inside its parent, so a child that outlives its parent (async
 * work) or a backend span outside the browser's request window is clipped, as a critical path needs.
 */
final class TimelineNode {
  enum Kind { TRACE, RESOURCE, PHASE, SPAN }

  final Kind kind;
  /** The span id, the resource's event id, or the resource's event id and the phase name. */
  final String id;
  final String name;
  /** The span's service, or {@code browser:<app>} for the browser side. */
  final String service;
  /** What this node's own time (not covered by a child on the critical path) counts as. */
  final Category category;
  final @Nullable Span span;
  final @Nullable RumResource resource;
  final long rawStart;
  final long rawEnd;
  final List<TimelineNode> children = new ArrayList<>();
  @Nullable TimelineNode parent;
  long start;
  long end;
  /** False when clipping left nothing of it inside its parent: it cannot be on the critical path. */
  boolean placed = true;

  TimelineNode(Kind kind, String id, String name, String service, Category category, long rawStart,
      long rawEnd, @Nullable Span span, @Nullable RumResource resource) {
    this.kind = kind;
    this.id = id;
    this.name = name;
    this.service = service;
    this.category = category;
    this.rawStart = rawStart;
    this.rawEnd = Math.max(rawStart, rawEnd);
    this.start = rawStart;
    this.end = this.rawEnd;
    this.span = span;
    this.resource = resource;
  }

  void addChild(TimelineNode child) {
    child.parent = this;
    children.add(child);
  }

  long duration() {
    return end - start;
  }

  @Override
  public String toString() {
    return kind + " " + service + " " + name + " [" + start + ", " + end + "]";
  }
}
