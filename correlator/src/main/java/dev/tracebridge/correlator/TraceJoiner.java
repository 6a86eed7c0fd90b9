package dev.tracebridge.correlator;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.join.JoinedTrace;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.rum.PropagatedContext;
import dev.tracebridge.core.rum.RumResource;
import dev.tracebridge.core.storage.TraceRecords;
import dev.tracebridge.correlator.adjust.Adjusters;
import dev.tracebridge.correlator.adjust.JoinEvidence;
import dev.tracebridge.correlator.adjust.TraceDraft;
import java.util.ArrayList;
import java.util.List;

/**
 * Joins one trace partition's rows into a front-to-back trace by running the adjuster chain
 * ({@link Adjusters}): a RUM resource is the parent of each backend span whose parent span id is the span
 * id the browser propagated, in the same trace; weaker edges say how they were made. Reads never fail
 * on odd data; what looks wrong becomes a warning. Stateless and thread-safe.
 */
public final class TraceJoiner {

  /** Joins the rows that belong to {@code requested}, with nothing known beyond them. */
  public JoinedTrace join(TraceId requested, TraceRecords records) {
    return join(requested, records, JoinEvidence.NONE);
  }

  /**
   * Joins the rows that belong to {@code requested}. When the caller asked with a 64-bit id and the
   * backend knew the full 128-bit id, the joined trace carries the full one.
   */
  public JoinedTrace join(TraceId requested, TraceRecords records, JoinEvidence evidence) {
    TraceDraft draft = draft(requested, records, evidence);
    return draft.toJoinedTrace(fullestId(requested, draft.spans()));
  }

  /** The adjusted draft, for callers that need more than the joined trace (links of copies, per resource). */
  public TraceDraft draft(TraceId requested, TraceRecords records, JoinEvidence evidence) {
    requireNonNull(requested, "requested");
    requireNonNull(records, "records");
    requireNonNull(evidence, "evidence");
    return Adjusters.adjust(requested, spansOf(requested, records), resourcesOf(requested, records), evidence);
  }

  /**
   * The edges by ids alone (copies removed, no fallback, no clock offsets, no verdicts): what deciding a
   * resource's propagation verdict needs, at a fraction of a full join's cost.
   */
  public TraceDraft links(TraceId requested, TraceRecords records) {
    requireNonNull(requested, "requested");
    requireNonNull(records, "records");
    return Adjusters.link(requested, spansOf(requested, records), resourcesOf(requested, records));
  }

  /**
   * The rows that can belong to {@code requested}, as {@link TraceRecords#matching} keeps them, with plain
   * loops: the checker runs this for every resource it decides, and the stream form allocated more than
   * the whole rest of a decision.
   */
  private static List<Span> spansOf(TraceId requested, TraceRecords records) {
    List<Span> out = new ArrayList<>(records.spans().size());
    for (Span span : records.spans()) {
      if (span.traceId().sameTraceAs(requested)) out.add(span);
    }
    return out;
  }

  private static List<RumResource> resourcesOf(TraceId requested, TraceRecords records) {
    List<RumResource> out = new ArrayList<>(records.resources().size());
    for (RumResource resource : records.resources()) {
      for (PropagatedContext c : resource.propagation()) {
        if (c.traceId().sameTraceAs(requested)) {
          out.add(resource);
          break;
        }
      }
    }
    return out;
  }

  private static TraceId fullestId(TraceId requested, List<Span> spans) {
    if (!requested.is64Bit()) return requested;
    for (Span span : spans) {
      if (!span.traceId().is64Bit() && span.traceId().sameTraceAs(requested)) return span.traceId();
    }
    return requested;
  }
}
