package dev.tracebridge.core.join;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.rum.RumResource;
import java.util.List;
import java.util.Optional;

/**
 * One front-to-back trace: the backend spans, the browser resources that started them, the edges
 * between the two, the warnings the adjusters attached while repairing odd data, the clock offsets that
 * put each backend service on the browser's clock, and the verdict of every traced resource.
 *
 * <p>{@code spans} may hold spans of another trace id when a resource was joined to them by a
 * {@link LinkMatch#FALLBACK} link: the backend started a trace of its own for the request.
 */
public record JoinedTrace(
    TraceId traceId,
    List<Span> spans,
    List<RumResource> resources,
    List<TraceLink> links,
    List<String> warnings,
    List<ClockCorrection> clockCorrections,
    List<ResourceVerdict> verdicts) {

  public JoinedTrace {
    requireNonNull(traceId, "traceId");
    spans = List.copyOf(spans);
    resources = List.copyOf(resources);
    links = List.copyOf(links);
    warnings = List.copyOf(warnings);
    clockCorrections = List.copyOf(clockCorrections);
    verdicts = List.copyOf(verdicts);
  }

  /** A trace without clock corrections or verdicts. */
  public JoinedTrace(TraceId traceId, List<Span> spans, List<RumResource> resources, List<TraceLink> links,
      List<String> warnings) {
    this(traceId, spans, resources, links, warnings, List.of(), List.of());
  }

  public boolean isEmpty() {
    return spans.isEmpty() && resources.isEmpty();
  }

  /** The correction of a service's clock, if one was measured or bounded. */
  public Optional<ClockCorrection> clockCorrection(String service) {
    for (ClockCorrection c : clockCorrections) {
      if (c.service().equals(service)) return Optional.of(c);
    }
    return Optional.empty();
  }

  /** A span's start on the browser's clock; its recorded start when its service has no correction. */
  public long correctedStartEpochNanos(Span span) {
    return clockCorrection(span.serviceName()).map(c -> c.correct(span.startEpochNanos()))
        .orElse(span.startEpochNanos());
  }

  /** A span's end on the browser's clock; its recorded end when its service has no correction. */
  public long correctedEndEpochNanos(Span span) {
    return clockCorrection(span.serviceName()).map(c -> c.correct(span.endEpochNanos()))
        .orElse(span.endEpochNanos());
  }
}
