package dev.tracebridge.correlator.corpus;

import dev.tracebridge.core.health.PropagationVerdict;
import dev.tracebridge.core.join.LinkMatch;
import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.TraceId;
import org.jspecify.annotations.Nullable;

/**
 * One browser request of the corpus and the truth about it.
 *
 * @param readId the trace id whose joined trace must show the edge (the id the backend continued)
 * @param verdictDecidable false when the backend's spans arrive after the grace period: any verdict is
 *     then a guess the rules are not asked to get right (the edge still has to appear)
 * @param linkedSpan the span the edge must point at, when there is one
 * @param copyEventId the event id of a copy re-sent under a new id, which must get the same verdict
 * @param truthOffsetNanos browser clock minus the service's clock, as generated
 * @param downstreamService a service the browser did not call, under the linked server span
 * @param downstreamTruthOffsetNanos browser clock minus the downstream service's clock
 */
record CorpusCase(
    int index,
    String eventId,
    Cause cause,
    FormatPlan plan,
    Arrival arrival,
    Duplicate duplicate,
    TraceId readId,
    boolean verdictDecidable,
    @Nullable SpanId linkedSpan,
    @Nullable String copyEventId,
    String appId,
    String sessionId,
    String service,
    long truthOffsetNanos,
    String downstreamService,
    long downstreamTruthOffsetNanos) {

  @Nullable PropagationVerdict expectedVerdict() {
    return cause.verdict();
  }

  @Nullable LinkMatch expectedMatch() {
    return cause.match();
  }

  /** When each side reaches the engine. */
  enum Arrival {
    BROWSER_FIRST,
    BACKEND_FIRST,
    /** A beacon held back for hours (a tab asleep): the check is scheduled when it arrives. */
    BROWSER_HOURS_LATER,
    /** An exporter that came back hours later: the edge must still appear. */
    BACKEND_HOURS_LATER
  }

  /** What arrives more than once. */
  enum Duplicate {
    NONE,
    RESOURCE_TWICE,
    SPANS_TWICE,
    SPAN_UNDER_NEW_ID,
    RESOURCE_UNDER_NEW_ID
  }
}
