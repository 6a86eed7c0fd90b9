package dev.tracebridge.correlator.adjust;

import dev.tracebridge.core.health.PropagationVerdict;
import dev.tracebridge.core.health.Verdict;
import dev.tracebridge.core.join.LinkMatch;
import dev.tracebridge.core.join.ResourceVerdict;
import dev.tracebridge.core.join.TraceLink;
import dev.tracebridge.core.rum.RumResource;
import dev.tracebridge.correlator.BrowserRequests;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Attaches to every resource that carried trace headers the browser's sampling decision and its
 * propagation verdict: the durable one when the checker has decided it, {@code pending} before. A
 * verdict is final once decided; when a backend span arrived after the grace period and now links a
 * resource decided otherwise, the trace shows the link and says the verdict predates it. Depends on
 * every linking step.
 */
final class ResourceVerdicts implements TraceAdjuster {
  static final String PENDING_REASON =
      "not decided yet: decided once the grace period for late backend spans has passed";

  @Override
  public void adjust(TraceDraft draft) {
    Map<String, Verdict> decided = new HashMap<>();
    for (Verdict v : draft.evidence().verdicts()) decided.put(v.eventId(), v);
    List<ResourceVerdict> out = new ArrayList<>();
    for (RumResource resource : draft.resources()) {
      if (!BrowserRequests.isTraced(resource)) continue;
      Verdict verdict = decided.get(resource.eventId());
      if (verdict == null) {
        out.add(new ResourceVerdict(resource.eventId(), BrowserRequests.sampling(resource),
            PropagationVerdict.PENDING, PENDING_REASON));
        continue;
      }
      out.add(new ResourceVerdict(resource.eventId(), BrowserRequests.sampling(resource), verdict.verdict(),
          verdict.reason()));
      if (verdict.verdict() != PropagationVerdict.LINKED && hasExactLink(draft, resource)) {
        draft.warn("resource " + resource.eventId() + " was decided " + verdict.verdict().wireName()
            + " before its backend span arrived (later than the grace period); it is linked now");
      }
    }
    draft.setVerdicts(out);
  }

  private static boolean hasExactLink(TraceDraft draft, RumResource resource) {
    for (TraceLink link : draft.linksOf(resource.eventId())) {
      if (link.match() == LinkMatch.EXACT) return true;
    }
    return false;
  }
}
