package dev.tracebridge.core.model;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One backend span as OTLP delivered it, with the resource and scope it came under. Nothing the client
 * sent is left out, so a span can be shown (and re-exported) exactly as it was recorded.
 */
public record Span(
    TraceId traceId,
    SpanId spanId,
    @Nullable SpanId parentSpanId,
    String traceState,
    int flags,
    String name,
    SpanKind kind,
    long startEpochNanos,
    long endEpochNanos,
    Attributes attributes,
    int droppedAttributesCount,
    List<SpanEvent> events,
    int droppedEventsCount,
    List<SpanLink> links,
    int droppedLinksCount,
    SpanStatus status,
    Resource resource,
    InstrumentationScope scope) {

  public Span {
    requireNonNull(traceId, "traceId");
    requireNonNull(spanId, "spanId");
    requireNonNull(traceState, "traceState");
    requireNonNull(name, "name");
    requireNonNull(kind, "kind");
    requireNonNull(attributes, "attributes");
    events = List.copyOf(events);
    links = List.copyOf(links);
    requireNonNull(status, "status");
    requireNonNull(resource, "resource");
    requireNonNull(scope, "scope");
  }

  public static Builder builder() {
    return new Builder();
  }

  public String serviceName() {
    return resource.serviceName();
  }

  public long durationNanos() {
    return Math.max(0, endEpochNanos - startEpochNanos);
  }

  public boolean isRoot() {
    return parentSpanId == null;
  }

  public Builder toBuilder() {
    return new Builder()
        .traceId(traceId).spanId(spanId).parentSpanId(parentSpanId).traceState(traceState).flags(flags)
        .name(name).kind(kind).startEpochNanos(startEpochNanos).endEpochNanos(endEpochNanos)
        .attributes(attributes).droppedAttributesCount(droppedAttributesCount).events(events)
        .droppedEventsCount(droppedEventsCount).links(links).droppedLinksCount(droppedLinksCount)
        .status(status).resource(resource).scope(scope);
  }

  /** Builds spans field by field; the decoders and tests fill only what they have. */
  public static final class Builder {
    private @Nullable TraceId traceId;
    private @Nullable SpanId spanId;
    private @Nullable SpanId parentSpanId;
    private String traceState = "";
    private int flags;
    private String name = "";
    private SpanKind kind = SpanKind.UNSPECIFIED;
    private long startEpochNanos;
    private long endEpochNanos;
    private Attributes attributes = Attributes.empty();
    private int droppedAttributesCount;
    private List<SpanEvent> events = List.of();
    private int droppedEventsCount;
    private List<SpanLink> links = List.of();
    private int droppedLinksCount;
    private SpanStatus status = SpanStatus.UNSET;
    private Resource resource = Resource.EMPTY;
    private InstrumentationScope scope = InstrumentationScope.EMPTY;

    private Builder() {}

    public Builder traceId(TraceId traceId) { this.traceId = traceId; return this; }
    public Builder spanId(SpanId spanId) { this.spanId = spanId; return this; }
    public Builder parentSpanId(@Nullable SpanId parentSpanId) { this.parentSpanId = parentSpanId; return this; }
    public Builder traceState(String traceState) { this.traceState = traceState; return this; }
    public Builder flags(int flags) { this.flags = flags; return this; }
    public Builder name(String name) { this.name = name; return this; }
    public Builder kind(SpanKind kind) { this.kind = kind; return this; }
    public Builder startEpochNanos(long nanos) { this.startEpochNanos = nanos; return this; }
    public Builder endEpochNanos(long nanos) { this.endEpochNanos = nanos; return this; }
    public Builder attributes(Attributes attributes) { this.attributes = attributes; return this; }
    public Builder droppedAttributesCount(int count) { this.droppedAttributesCount = count; return this; }
    public Builder events(List<SpanEvent> events) { this.events = events; return this; }
    public Builder droppedEventsCount(int count) { this.droppedEventsCount = count; return this; }
    public Builder links(List<SpanLink> links) { this.links = links; return this; }
    public Builder droppedLinksCount(int count) { this.droppedLinksCount = count; return this; }
    public Builder status(SpanStatus status) { this.status = status; return this; }
    public Builder resource(Resource resource) { this.resource = resource; return this; }
    public Builder scope(InstrumentationScope scope) { this.scope = scope; return this; }

    public Span build() {
      if (traceId == null) throw new IllegalStateException("traceId: missing");
      if (spanId == null) throw new IllegalStateException("spanId: missing");
      return new Span(traceId, spanId, parentSpanId, traceState, flags, name, kind, startEpochNanos,
          endEpochNanos, attributes, droppedAttributesCount, events, droppedEventsCount, links,
          droppedLinksCount, status, resource, scope);
    }
  }
}
