package dev.tracebridge.correlator.adjust;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.health.ClockSample;
import dev.tracebridge.core.health.Verdict;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.rum.RumResource;
import java.util.List;

/**
 * What a join knows beyond the trace partition's own rows, all read from the verdict store: the
 * decided verdicts of the trace's resources, the rows a fallback verdict connects to this trace from
 * another partition, and the clock-offset samples of the sessions involved.
 *
 * @param fallbackSpans spans of backend traces that a resource of this trace was joined to by fallback
 * @param fallbackResources resources of other traces that were joined by fallback to spans of this one
 * @param clockSamples stored samples of the sessions of this trace's resources
 */
public record JoinEvidence(
    List<Verdict> verdicts,
    List<Span> fallbackSpans,
    List<RumResource> fallbackResources,
    List<ClockSample> clockSamples) {

  public static final JoinEvidence NONE = new JoinEvidence(List.of(), List.of(), List.of(), List.of());

  public JoinEvidence {
    verdicts = List.copyOf(requireNonNull(verdicts, "verdicts"));
    fallbackSpans = List.copyOf(requireNonNull(fallbackSpans, "fallbackSpans"));
    fallbackResources = List.copyOf(requireNonNull(fallbackResources, "fallbackResources"));
    clockSamples = List.copyOf(requireNonNull(clockSamples, "clockSamples"));
  }
}
