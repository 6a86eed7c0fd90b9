package dev.tracebridge.api.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Which child a parent was waiting on just before a cursor, for the decreasing cursors of one walk back
 * through the parent ({@link CriticalPath}): one running across the cursor if any (the latest-starting of
 * those), else the one that finished last before it; ties go to the later start, then the smaller id.
 *
 * <p>Asking each child every time made the walk quadratic in a parent's children (a span with thousands of
 * database calls). Here the children are sorted once by start, latest first; since the cursor only moves
 * back, a child starting at or after it never counts again and is passed for good, and precomputed suffix
 * maxima answer "does any remaining child run across the cursor" and "which one ended last" at once. A walk
 * through a parent with k children costs O(k log k).
 */
final class WaitedOnChildren {
  /** Latest start first; equal starts by id, smaller first (the tie-breaker). */
  private static final Comparator<TimelineNode> LATEST_START =
      Comparator.comparingLong((TimelineNode n) -> n.start).reversed().thenComparing(n -> n.id);

  private final TimelineNode[] byStart;
  /** {@code latestEndFrom[i]}: the latest end among {@code byStart[i..]}. */
  private final long[] latestEndFrom;
  /** {@code lastEndingFrom[i]}: the index of the child of {@code byStart[i..]} that ended last, with ties broken. */
  private final int[] lastEndingFrom;
  /** The first child that starts before the last cursor asked about. */
  private int next;
  private long lastCursor = Long.MAX_VALUE;

  WaitedOnChildren(TimelineNode parent) {
    List<TimelineNode> eligible = new ArrayList<>(parent.children.size());
    for (TimelineNode child : parent.children) {
      if (child.placed && child.end > child.start) eligible.add(child);
    }
    eligible.sort(LATEST_START);
    byStart = eligible.toArray(new TimelineNode[0]);
    int n = byStart.length;
    latestEndFrom = new long[n + 1];
    lastEndingFrom = new int[n + 1];
    latestEndFrom[n] = Long.MIN_VALUE;
    lastEndingFrom[n] = -1;
    for (int i = n - 1; i >= 0; i--) {
      latestEndFrom[i] = Math.max(byStart[i].end, latestEndFrom[i + 1]);
      int later = lastEndingFrom[i + 1];
      // byStart[i] starts no earlier than any child after it, and sorts first on equal starts: it wins ties.
      lastEndingFrom[i] = later < 0 || byStart[i].end >= byStart[later].end ? i : later;
    }
  }

  /** The child waited on just before {@code cursor}; cursors must not increase between calls. */
  @Nullable TimelineNode before(long cursor) {
    if (cursor > lastCursor) {
      throw new IllegalArgumentException("cursor: " + cursor + " (expected: at most " + lastCursor + ")");
    }
    lastCursor = cursor;
    while (next < byStart.length && byStart[next].start >= cursor) next++;
    if (next == byStart.length) return null;
    if (latestEndFrom[next] < cursor) return byStart[lastEndingFrom[next]];
    // Some child runs across the cursor: the first such in start order is the latest-starting one. The
    // children passed on the way start no earlier than it, so the next cursor (its start) passes them too.
    int i = next;
    while (byStart[i].end < cursor) i++;
    return byStart[i];
  }
}
