package dev.tracebridge.correlator.adjust;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.rum.RumResource;
import java.util.List;

/**
 * The adjuster chain, in the order it runs. Each line says what the step depends on; a step that needs
 * another's result comes after it.
 */
public final class Adjusters {
  /**
   * The steps that make edges by ids, which are all a propagation verdict needs (the checker runs only
   * these; the fallback link is what it decides, and offsets and verdicts are for readers).
   */
  private static final List<TraceAdjuster> LINKING = List.of(
      // Spans the backend re-sent under a new span id; depends on nothing, and must run first so no
      // later step links or measures a copy.
      new DuplicateSpans(),
      // Resources re-sent under a new event id; depends on nothing, runs before linking for the same reason.
      new DuplicateResources(),
      // The exact edge: a span whose parent is the propagated span id, in the same trace (or the same low
      // 64 bits); depends on the two above, so each request gets one edge per server span.
      new PropagatedParentLinks(),
      // The server named its own span in the response; only for resources the ids above left unlinked.
      new ResponseLinks(),
      // A server span that re-used the browser's span id as its own (B3 shared spans); only resources
      // still unlinked after the two steps above.
      new SharedSpanIds(),
      // A backend that re-generated the parent id (an uninstrumented hop that made up a span id); only
      // resources still unlinked after every id-based step, so it never overrides a real edge.
      new RegeneratedParents());

  /** The whole chain, in the order it runs: the linking steps, then these. */
  private static final List<TraceAdjuster> CHAIN = concat(LINKING, List.of(
      // The fallback join the checker decided (session, method, path, time); only resources no id joined.
      new FallbackLinks(),
      // Warnings for parents nobody explains; depends on every linking step above, whose edges explain
      // parents that are browser span ids.
      new UnknownParents(),
      // Clock offsets from the request windows of the links made above (fallback links excluded: they
      // are not sure enough to measure with) and the session's stored samples.
      new ClockSkewAdjuster(),
      // Each traced resource's sampling decision and stored verdict; depends on the links, to say when a
      // span that came after the grace period links a resource decided otherwise.
      new ResourceVerdicts()));

  private Adjusters() {}

  private static List<TraceAdjuster> concat(List<TraceAdjuster> first, List<TraceAdjuster> then) {
    List<TraceAdjuster> all = new java.util.ArrayList<>(first);
    all.addAll(then);
    return List.copyOf(all);
  }

  /** Runs the whole chain over the rows of a trace and what the verdict store knows about it. */
  public static TraceDraft adjust(TraceId requested, List<Span> spans, List<RumResource> resources,
      JoinEvidence evidence) {
    requireNonNull(requested, "requested");
    requireNonNull(spans, "spans");
    requireNonNull(resources, "resources");
    requireNonNull(evidence, "evidence");
    TraceDraft draft = new TraceDraft(requested, spans, resources, evidence);
    for (TraceAdjuster adjuster : CHAIN) adjuster.adjust(draft);
    return draft;
  }

  /** Runs only the steps that make edges by ids: what deciding a verdict needs. */
  public static TraceDraft link(TraceId requested, List<Span> spans, List<RumResource> resources) {
    requireNonNull(requested, "requested");
    TraceDraft draft = new TraceDraft(requested, spans, resources, JoinEvidence.NONE);
    for (TraceAdjuster adjuster : LINKING) adjuster.adjust(draft);
    return draft;
  }
}
