package dev.tracebridge.otlp;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.tracebridge.core.model.InstrumentationScope;
import dev.tracebridge.core.model.Resource;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.SpanEvent;
import dev.tracebridge.core.model.SpanKind;
import dev.tracebridge.core.model.SpanLink;
import dev.tracebridge.core.model.SpanStatus;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes a protobuf {@code ExportTraceServiceRequest} into core {@link Span}s, keeping everything the
 * client sent: resource and scope with their schema URLs and dropped counts, every attribute kind,
 * events, links with their trace state and flags, status and dropped counts. A span with an invalid
 * trace or span id is rejected alone (OTLP partial success); an end before its start is kept as sent,
 * because read-time adjusters annotate it. Thread-safe.
 */
public final class OtlpTraceDecoder {
  private final OtlpLimits limits;

  public OtlpTraceDecoder(OtlpLimits limits) {
    this.limits = requireNonNull(limits, "limits");
  }

  /** Parses protobuf bytes, then decodes them; an undecodable body says what failed and near which byte. */
  public DecodedExport decode(byte[] protobuf) throws MalformedExportException {
    requireNonNull(protobuf, "protobuf");
    return decode(parse(protobuf));
  }

  public DecodedExport decode(ExportTraceServiceRequest request) {
    requireNonNull(request, "request");
    ExportTally tally = new ExportTally(limits);
    List<ResourceSpans> resourceSpansList = request.getResourceSpansList();
    for (int r = 0; r < resourceSpansList.size(); r++) {
      ResourceSpans resourceSpans = resourceSpansList.get(r);
      String resourceWhere = "resourceSpans[" + r + "]";
      Resource resource = resource(resourceSpans, resourceWhere, tally);
      List<ScopeSpans> scopeSpansList = resourceSpans.getScopeSpansList();
      for (int s = 0; s < scopeSpansList.size(); s++) {
        ScopeSpans scopeSpans = scopeSpansList.get(s);
        String scopeWhere = resourceWhere + ".scopeSpans[" + s + "]";
        InstrumentationScope scope = scope(scopeSpans, scopeWhere, tally);
        List<io.opentelemetry.proto.trace.v1.Span> spans = scopeSpans.getSpansList();
        for (int i = 0; i < spans.size(); i++) {
          String where = scopeWhere + ".spans[" + i + "]";
          try {
            tally.accept(span(spans.get(i), resource, scope, where, tally));
          } catch (InvalidSpanException e) {
            tally.reject(where, e.getMessage());
          }
        }
      }
    }
    return tally.result();
  }

  /** Reads the message; proto3 strings must be valid UTF-8, so invalid UTF-8 fails here too. */
  static ExportTraceServiceRequest parse(byte[] protobuf) throws MalformedExportException {
    CodedInputStream input = CodedInputStream.newInstance(protobuf);
    try {
      return ExportTraceServiceRequest.parseFrom(input);
    } catch (InvalidProtocolBufferException e) {
      long offset = input.getTotalBytesRead();
      throw new MalformedExportException("undecodable protobuf ExportTraceServiceRequest near byte "
          + offset + " of " + protobuf.length + ": " + e.getMessage(), "", offset);
    } catch (java.io.IOException e) {
      // A byte array cannot fail to be read; protobuf declares IOException for streams.
      throw new MalformedExportException("undecodable protobuf: " + e.getMessage(), "",
          MalformedExportException.UNKNOWN_OFFSET);
    }
  }

  private static Resource resource(ResourceSpans resourceSpans, String where, ExportTally tally) {
    if (!resourceSpans.hasResource() && resourceSpans.getSchemaUrl().isEmpty()) return Resource.EMPTY;
    io.opentelemetry.proto.resource.v1.Resource resource = resourceSpans.getResource();
    String owner = where + ".resource";
    DecodedAttributes attributes = ProtoAttributes.decode(resource.getAttributesList(), owner, tally);
    if (resource.getEntityRefsCount() > 0) {
      tally.warn(owner, resource.getEntityRefsCount() + " entity_refs not stored (not supported yet)");
    }
    return new Resource(attributes.attributes(),
        ExportTally.addToCount(resource.getDroppedAttributesCount(), attributes.dropped()),
        resourceSpans.getSchemaUrl());
  }

  private static InstrumentationScope scope(ScopeSpans scopeSpans, String where, ExportTally tally) {
    if (!scopeSpans.hasScope() && scopeSpans.getSchemaUrl().isEmpty()) return InstrumentationScope.EMPTY;
    io.opentelemetry.proto.common.v1.InstrumentationScope scope = scopeSpans.getScope();
    DecodedAttributes attributes =
        ProtoAttributes.decode(scope.getAttributesList(), where + ".scope", tally);
    return new InstrumentationScope(scope.getName(), scope.getVersion(), attributes.attributes(),
        ExportTally.addToCount(scope.getDroppedAttributesCount(), attributes.dropped()),
        scopeSpans.getSchemaUrl());
  }

  private static Span span(io.opentelemetry.proto.trace.v1.Span span, Resource resource,
      InstrumentationScope scope, String where, ExportTally tally) throws InvalidSpanException {
    Span.Builder out = Span.builder()
        .traceId(OtlpIds.traceId("traceId", span.getTraceId()))
        .spanId(OtlpIds.spanId("spanId", span.getSpanId()))
        .parentSpanId(OtlpIds.parentSpanId("parentSpanId", span.getParentSpanId()))
        .traceState(span.getTraceState())
        .flags(span.getFlags())
        .name(span.getName())
        .kind(SpanKind.fromOtlp(span.getKindValue()))
        .startEpochNanos(span.getStartTimeUnixNano())
        .endEpochNanos(span.getEndTimeUnixNano())
        .resource(resource)
        .scope(scope);
    DecodedAttributes attributes = ProtoAttributes.decode(span.getAttributesList(), where, tally);
    out.attributes(attributes.attributes())
        .droppedAttributesCount(
            ExportTally.addToCount(span.getDroppedAttributesCount(), attributes.dropped()));
    out.events(events(span.getEventsList(), where, tally))
        .droppedEventsCount(ExportTally.addToCount(span.getDroppedEventsCount(), 0));
    List<SpanLink> links = links(span.getLinksList(), where, tally);
    int linksDropped = span.getLinksCount() - links.size();
    out.links(links).droppedLinksCount(ExportTally.addToCount(span.getDroppedLinksCount(), linksDropped));
    if (span.hasStatus()) {
      Status status = span.getStatus();
      out.status(SpanStatus.of(SpanStatus.Code.fromOtlp(status.getCodeValue()), status.getMessage()));
    }
    return out.build();
  }

  private static List<SpanEvent> events(List<io.opentelemetry.proto.trace.v1.Span.Event> events,
      String where, ExportTally tally) {
    if (events.isEmpty()) return List.of();
    List<SpanEvent> out = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      io.opentelemetry.proto.trace.v1.Span.Event event = events.get(i);
      List<KeyValue> keyValues = event.getAttributesList();
      DecodedAttributes attributes =
          ProtoAttributes.decode(keyValues, where + ".events[" + i + "]", tally);
      out.add(new SpanEvent(event.getName(), event.getTimeUnixNano(), attributes.attributes(),
          ExportTally.addToCount(event.getDroppedAttributesCount(), attributes.dropped())));
    }
    return out;
  }

  /** A link with a bad id is dropped and counted, not a reason to lose its whole span. */
  private static List<SpanLink> links(List<io.opentelemetry.proto.trace.v1.Span.Link> links,
      String where, ExportTally tally) {
    if (links.isEmpty()) return List.of();
    List<SpanLink> out = new ArrayList<>(links.size());
    for (int i = 0; i < links.size(); i++) {
      io.opentelemetry.proto.trace.v1.Span.Link link = links.get(i);
      String linkWhere = where + ".links[" + i + "]";
      try {
        var traceId = OtlpIds.traceId("traceId", link.getTraceId());
        var spanId = OtlpIds.spanId("spanId", link.getSpanId());
        DecodedAttributes attributes =
            ProtoAttributes.decode(link.getAttributesList(), linkWhere, tally);
        out.add(new SpanLink(traceId, spanId, link.getTraceState(), link.getFlags(),
            attributes.attributes(),
            ExportTally.addToCount(link.getDroppedAttributesCount(), attributes.dropped())));
      } catch (InvalidSpanException e) {
        tally.warn(linkWhere, "link dropped (counted in droppedLinksCount): " + e.getMessage());
      }
    }
    return out;
  }
}
