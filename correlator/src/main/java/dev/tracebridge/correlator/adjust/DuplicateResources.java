package dev.tracebridge.correlator.adjust;

import dev.tracebridge.core.rum.PropagatedContext;
import dev.tracebridge.core.rum.RumResource;
import java.util.ArrayList;
import java.util.List;

/**
 * Resources re-sent under a new event id. Re-delivery with the same id is already one row in the store;
 * a resource whose id changed between deliveries (an SDK without event ids whose digest changed with a
 * field that is not part of the request) would show the same request twice. Two resources are copies
 * when the same app and session report the same method and URL starting at the same nanosecond with the
 * same propagated contexts. Two SDKs of different apps reporting the same request are not copies: each
 * app has its own view of it.
 *
 * <p>The lowest event id is kept; a copy takes the kept one's links and verdict.
 */
final class DuplicateResources implements TraceAdjuster {

  @Override
  public void adjust(TraceDraft draft) {
    // Resources are in start order: copies sit in a run of equal starts, compared only there.
    List<RumResource> resources = draft.resources();
    List<RumResource[]> copies = null;
    for (int runStart = 0; runStart < resources.size(); ) {
      int runEnd = runStart + 1;
      long start = resources.get(runStart).epochNanos();
      while (runEnd < resources.size() && resources.get(runEnd).epochNanos() == start) runEnd++;
      for (int i = runStart; i < runEnd; i++) {
        // Within a run, resources are in event id order: the first of a set of copies is the one kept.
        RumResource keep = resources.get(i);
        for (int k = i + 1; k < runEnd; k++) {
          RumResource other = resources.get(k);
          if (!Identity.of(keep).equals(Identity.of(other))) continue;
          if (copies == null) copies = new ArrayList<>();
          copies.add(new RumResource[] {other, keep});
        }
      }
      runStart = runEnd;
    }
    if (copies == null) return;
    List<RumResource> removed = new ArrayList<>();
    for (RumResource[] pair : copies) {
      if (removed.contains(pair[0]) || removed.contains(pair[1])) continue;
      removed.add(pair[0]);
      draft.removeCopyOfResource(pair[0], pair[1]);
      draft.warn("resource " + pair[0].eventId() + " (" + pair[0].method() + " " + pair[0].url()
          + ") is a copy of resource " + pair[1].eventId() + " re-sent under a new id; shown once");
    }
  }

  private record Identity(String appId, String sessionId, String method, String url, long start,
      List<PropagatedContext> propagation) {
    static Identity of(RumResource r) {
      String session = r.context().sessionId();
      return new Identity(r.context().appId(), session == null ? "" : session, r.method(), r.url(),
          r.epochNanos(), r.propagation());
    }
  }
}
