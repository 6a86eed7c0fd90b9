package dev.tracebridge.correlator.adjust;

import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.SpanId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Spans re-sent under a new span id. The store already keeps one row per (trace id, span id), so a span
 * delivered twice is one span; a span that comes back with a different id (an exporter that re-creates
 * spans on retry, a pipeline that re-keys them) is a second row. Two spans are copies when everything
 * that identifies an operation is equal: trace, parent, service, name, kind, start and end to the
 * nanosecond. Two real operations never agree on all of that; double instrumentation (an agent and a
 * manual SDK each recording the request) gives different times and stays two spans.
 *
 * <p>The copy with the lowest span id is kept (so every reader picks the same one), the others are
 * hidden from the view, and their children are re-parented to the kept one, which makes copies of the
 * children copies in turn: a whole trace re-sent under new ids is shown once.
 */
final class DuplicateSpans implements TraceAdjuster {

  @Override
  public void adjust(TraceDraft draft) {
    // Spans are in start order, so copies sit in a run of equal starts: comparing within runs finds them
    // without building an index, which matters because nearly every trace has none.
    List<Span> spans = draft.spans();
    Map<SpanId, SpanId> replaced = null;
    for (int runStart = 0; runStart < spans.size(); ) {
      int runEnd = runStart + 1;
      while (runEnd < spans.size() && spans.get(runEnd).startEpochNanos() == spans.get(runStart).startEpochNanos()) {
        runEnd++;
      }
      for (int i = runStart; i < runEnd; i++) {
        for (int k = i + 1; k < runEnd; k++) {
          Span a = spans.get(i);
          Span b = spans.get(k);
          if (!sameOperation(a, b)) continue;
          if (replaced == null) replaced = new HashMap<>();
          Span keep = Long.compareUnsigned(a.spanId().value(), b.spanId().value()) < 0 ? a : b;
          Span drop = keep == a ? b : a;
          replaced.putIfAbsent(drop.spanId(), keep.spanId());
        }
      }
      runStart = runEnd;
    }
    if (replaced == null) return;
    List<Span> result = new ArrayList<>(spans.size());
    for (Span span : spans) {
      SpanId kept = resolve(replaced, span.spanId());
      if (!kept.equals(span.spanId())) {
        draft.warn("span " + span.spanId() + " (" + span.serviceName() + " " + span.name() + ") is a copy of span "
            + kept + " re-sent under a new id; shown once");
        continue;
      }
      SpanId parent = span.parentSpanId();
      SpanId newParent = parent == null ? null : resolve(replaced, parent);
      result.add(newParent == null || newParent.equals(parent) ? span : span.toBuilder().parentSpanId(newParent).build());
    }
    draft.replaceSpans(result);
    // The children of a copy now name the kept span as parent, so copies of them are copies now too (a
    // whole trace re-sent under new ids); each round removes at least one span, so this ends.
    adjust(draft);
  }

  /** Follows copy to kept until a span that is kept: three copies of one span end at the lowest id. */
  private static SpanId resolve(Map<SpanId, SpanId> replaced, SpanId id) {
    SpanId current = id;
    for (SpanId next = replaced.get(current); next != null; next = replaced.get(current)) current = next;
    return current;
  }

  private static boolean sameOperation(Span a, Span b) {
    return a.endEpochNanos() == b.endEpochNanos() && a.kind() == b.kind() && a.traceId().equals(b.traceId())
        && java.util.Objects.equals(a.parentSpanId(), b.parentSpanId()) && a.name().equals(b.name())
        && a.serviceName().equals(b.serviceName());
  }
}
