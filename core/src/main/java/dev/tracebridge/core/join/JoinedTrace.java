package dev.tracebridge.core.join;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.rum.RumResource;
import java.util.List;

/**
 * One front-to-back trace: the backend spans, the browser resources that started them, the edges
 * between the two, and the warnings the adjusters attached while repairing odd data.
 */
public record JoinedTrace(
    TraceId traceId,
    List<Span> spans,
    List<RumResource> resources,
    List<TraceLink> links,
    List<String> warnings) {

  public JoinedTrace {
    requireNonNull(traceId, "traceId");
    spans = List.copyOf(spans);
    resources = List.copyOf(resources);
    links = List.copyOf(links);
    warnings = List.copyOf(warnings);
  }

  public boolean isEmpty() {
    return spans.isEmpty() && resources.isEmpty();
  }
}
