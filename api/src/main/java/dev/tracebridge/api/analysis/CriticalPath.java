package dev.tracebridge.api.analysis;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The chain of work the trace's end waited on. Walking back from the root's end: the child that was
 * still running latest (finishing last before the cursor, or running across it) is on the path for
 * that stretch; the walk descends into it, then continues in the parent from the child's start. Time
 * in which no child ran is the parent's own. Concurrent children that finished earlier are off the
 * path; children outliving their parent were clipped to it beforehand ({@link TimelineBuilder}). Which
 * child was waited on is {@link WaitedOnChildren}'s answer.
 *
 * <p>Iterative, with an explicit stack, so a deep chain of spans cannot overflow the thread's stack.
 */
final class CriticalPath {

  private CriticalPath() {}

  /** A stretch of the path: {@code node}'s own time from {@code start} to {@code end}. */
  record Segment(TimelineNode node, long start, long end) {
    long duration() {
      return end - start;
    }
  }

  /** The path's segments in time order, adjacent stretches of the same node merged. */
  static List<Segment> of(TimelineNode root) {
    List<Segment> backwards = new ArrayList<>();
    Deque<Frame> stack = new ArrayDeque<>();
    stack.push(new Frame(root, root.end));
    while (!stack.isEmpty()) {
      Frame frame = stack.peek();
      TimelineNode node = frame.node;
      if (frame.cursor <= node.start) {
        stack.pop();
        continue;
      }
      TimelineNode child = frame.children().before(frame.cursor);
      if (child == null) {
        backwards.add(new Segment(node, node.start, frame.cursor));
        stack.pop();
        continue;
      }
      long childEnd = Math.min(child.end, frame.cursor);
      if (childEnd < frame.cursor) backwards.add(new Segment(node, childEnd, frame.cursor));
      frame.cursor = child.start;
      stack.push(new Frame(child, childEnd));
    }
    Collections.reverse(backwards);
    return merge(backwards);
  }

  private static List<Segment> merge(List<Segment> segments) {
    List<Segment> merged = new ArrayList<>(segments.size());
    for (Segment segment : segments) {
      if (segment.duration() <= 0) continue;
      Segment last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && last.node() == segment.node() && last.end() == segment.start()) {
        merged.set(merged.size() - 1, new Segment(last.node(), last.start(), segment.end()));
      } else {
        merged.add(segment);
      }
    }
    return merged;
  }

  private static final class Frame {
    final TimelineNode node;
    long cursor;
    private @Nullable WaitedOnChildren children;

    Frame(TimelineNode node, long cursor) {
      this.node = node;
      this.cursor = cursor;
    }

    /** Built when first needed: the frame's cursor only moves back, as it requires. */
    WaitedOnChildren children() {
      if (children == null) children = new WaitedOnChildren(node);
      return children;
    }
  }
}
