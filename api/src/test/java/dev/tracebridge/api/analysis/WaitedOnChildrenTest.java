package dev.tracebridge.api.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class WaitedOnChildrenTest {
  @Test
  void childRunningAcrossTheCursor_winsOverOneThatEndedLaterBefore() {
    TimelineNode parent = node("p", 0, 100);
    TimelineNode across = child(parent, "a", 10, 95);
    child(parent, "b", 50, 80);

    assertThat(new WaitedOnChildren(parent).before(90)).isSameAs(across);
  }

  @Test
  void noChildAcross_theOneThatEndedLastBeforeTheCursor() {
    TimelineNode parent = node("p", 0, 100);
    child(parent, "early", 0, 20);
    TimelineNode last = child(parent, "late", 30, 60);
    WaitedOnChildren children = new WaitedOnChildren(parent);

    assertThat(children.before(90)).isSameAs(last);
    assertThat(children.before(30).id).isEqualTo("early");
    assertThat(children.before(0)).isNull();
  }

  @Test
  void cursorMovingForward_isRefused() {
    WaitedOnChildren children = new WaitedOnChildren(node("p", 0, 100));
    children.before(50);

    assertThatThrownBy(() -> children.before(60)).isInstanceOf(IllegalArgumentException.class);
  }

  /** The definition itself, child by child, as the critical path asked it before (quadratic). */
  private static @Nullable TimelineNode everyChildAsked(TimelineNode parent, long cursor) {
    TimelineNode best = null;
    long bestEnd = Long.MIN_VALUE;
    for (TimelineNode child : parent.children) {
      if (!child.placed || child.start >= cursor || child.end <= child.start) continue;
      long end = Math.min(child.end, cursor);
      boolean better = end > bestEnd
          || end == bestEnd && (child.start > best.start
              || child.start == best.start && child.id.compareTo(best.id) < 0);
      if (better) {
        best = child;
        bestEnd = end;
      }
    }
    return best;
  }

  @Test
  void randomChildrenWalkedBackAsTheCriticalPathDoes_sameChildAsAskingEveryChild() {
    Random random = new Random(20261126);
    for (int parentCase = 0; parentCase < 2_000; parentCase++) {
      TimelineNode parent = node("p", 0, 1_000);
      int children = random.nextInt(12);
      for (int c = 0; c < children; c++) {
        // Few distinct times, so equal starts and ends (the tie-breakers) are common.
        long start = random.nextInt(20) * 50L;
        long end = start + random.nextInt(8) * 50L;
        TimelineNode child = child(parent, "c" + random.nextInt(6), start, end);
        child.placed = random.nextInt(10) > 0;
      }
      WaitedOnChildren fast = new WaitedOnChildren(parent);
      long cursor = parent.end;
      while (cursor > parent.start) {
        TimelineNode expected = everyChildAsked(parent, cursor);
        assertThat(fast.before(cursor)).as("case %d at %d", parentCase, cursor).isSameAs(expected);
        if (expected == null) break;
        // As the walk does: on to the chosen child's start, or now and then a step that skips more.
        cursor = random.nextInt(4) == 0 ? expected.start - random.nextInt(100) : expected.start;
      }
    }
  }

  private static TimelineNode node(String id, long start, long end) {
    return new TimelineNode(TimelineNode.Kind.SPAN, id, id, "svc", Category.BACKEND, start, end, null, null);
  }

  private static TimelineNode child(TimelineNode parent, String id, long start, long end) {
    TimelineNode child = node(id, start, end);
    parent.addChild(child);
    return child;
  }
}
