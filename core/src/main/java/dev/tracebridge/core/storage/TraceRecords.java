package dev.tracebridge.core.storage;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.model.TraceKey;
import dev.tracebridge.core.rum.PropagatedContext;
import dev.tracebridge.core.rum.RumResource;
import java.util.List;

/** The raw rows of one trace partition, as stored: no joining, no repair. */
public record TraceRecords(TraceKey key, List<Span> spans, List<RumResource> resources) {

  public TraceRecords {
    requireNonNull(key, "key");
    spans = List.copyOf(spans);
    resources = List.copyOf(resources);
  }

  public static TraceRecords empty(TraceKey key) {
    return new TraceRecords(key, List.of(), List.of());
  }

  public boolean isEmpty() {
    return spans.isEmpty() && resources.isEmpty();
  }

  /**
   * Keeps the rows that can belong to {@code id}: a partition is keyed by the low 64 bits, so rows of a
   * different 128-bit trace that shares them are dropped here.
   */
  public TraceRecords matching(TraceId id) {
    List<Span> s = spans.stream().filter(span -> span.traceId().sameTraceAs(id)).toList();
    List<RumResource> r = resources.stream().filter(res -> carries(res, id)).toList();
    return new TraceRecords(key, s, r);
  }

  private static boolean carries(RumResource resource, TraceId id) {
    for (PropagatedContext c : resource.propagation()) {
      if (c.traceId().sameTraceAs(id)) return true;
    }
    return false;
  }
}
