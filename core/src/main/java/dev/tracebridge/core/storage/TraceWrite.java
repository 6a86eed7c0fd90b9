package dev.tracebridge.core.storage;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.TraceKey;
import dev.tracebridge.core.rum.RumResource;
import java.util.List;

/**
 * Everything one ingest request adds to one trace partition. A store writes it as one
 * single-partition unit, so both sides of a trace land under the same key the moment they arrive.
 */
public record TraceWrite(TraceKey key, List<Span> spans, List<RumResource> resources) {

  public TraceWrite {
    requireNonNull(key, "key");
    spans = List.copyOf(spans);
    resources = List.copyOf(resources);
  }

  public static TraceWrite ofSpans(TraceKey key, List<Span> spans) {
    return new TraceWrite(key, spans, List.of());
  }

  public static TraceWrite ofResources(TraceKey key, List<RumResource> resources) {
    return new TraceWrite(key, List.of(), resources);
  }

  public boolean isEmpty() {
    return spans.isEmpty() && resources.isEmpty();
  }
}
