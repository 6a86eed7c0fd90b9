package dev.tracebridge.otlp;

import com.google.protobuf.ByteString;
import dev.tracebridge.core.model.AttributeValue;
import dev.tracebridge.core.model.Attributes;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.SpanEvent;
import dev.tracebridge.core.model.SpanLink;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.List;

/** Encodes core spans back into OTLP protobuf, so tests can send exactly what a span holds. */
final class OtlpProtos {
  private OtlpProtos() {}

  /** One ResourceSpans/ScopeSpans per span: resource and scope come from each span. */
  static ExportTraceServiceRequest request(Span... spans) {
    ExportTraceServiceRequest.Builder out = ExportTraceServiceRequest.newBuilder();
    for (Span span : spans) {
      out.addResourceSpans(ResourceSpans.newBuilder()
          .setResource(resource(span.resource()))
          .setSchemaUrl(span.resource().schemaUrl())
          .addScopeSpans(ScopeSpans.newBuilder()
              .setScope(scope(span.scope()))
              .setSchemaUrl(span.scope().schemaUrl())
              .addSpans(span(span))));
    }
    return out.build();
  }

  /** A request holding the given raw proto spans under one empty resource and scope. */
  static ExportTraceServiceRequest requestOf(List<io.opentelemetry.proto.trace.v1.Span> spans) {
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder()
            .addScopeSpans(ScopeSpans.newBuilder().addAllSpans(spans)))
        .build();
  }

  static io.opentelemetry.proto.trace.v1.Span span(Span span) {
    io.opentelemetry.proto.trace.v1.Span.Builder out = io.opentelemetry.proto.trace.v1.Span.newBuilder()
        .setTraceId(ByteString.copyFrom(span.traceId().toBytes()))
        .setSpanId(ByteString.copyFrom(span.spanId().toBytes()))
        .setTraceState(span.traceState())
        .setFlags(span.flags())
        .setName(span.name())
        .setKindValue(span.kind().otlpNumber())
        .setStartTimeUnixNano(span.startEpochNanos())
        .setEndTimeUnixNano(span.endEpochNanos())
        .addAllAttributes(keyValues(span.attributes()))
        .setDroppedAttributesCount(span.droppedAttributesCount())
        .setDroppedEventsCount(span.droppedEventsCount())
        .setDroppedLinksCount(span.droppedLinksCount())
        .setStatus(Status.newBuilder()
            .setCodeValue(span.status().code().ordinal())
            .setMessage(span.status().message()));
    if (span.parentSpanId() != null) {
      out.setParentSpanId(ByteString.copyFrom(span.parentSpanId().toBytes()));
    }
    for (SpanEvent event : span.events()) {
      out.addEvents(io.opentelemetry.proto.trace.v1.Span.Event.newBuilder()
          .setName(event.name())
          .setTimeUnixNano(event.epochNanos())
          .addAllAttributes(keyValues(event.attributes()))
          .setDroppedAttributesCount(event.droppedAttributesCount()));
    }
    for (SpanLink link : span.links()) {
      out.addLinks(io.opentelemetry.proto.trace.v1.Span.Link.newBuilder()
          .setTraceId(ByteString.copyFrom(link.traceId().toBytes()))
          .setSpanId(ByteString.copyFrom(link.spanId().toBytes()))
          .setTraceState(link.traceState())
          .setFlags(link.flags())
          .addAllAttributes(keyValues(link.attributes()))
          .setDroppedAttributesCount(link.droppedAttributesCount()));
    }
    return out.build();
  }

  static Resource resource(dev.tracebridge.core.model.Resource resource) {
    return Resource.newBuilder()
        .addAllAttributes(keyValues(resource.attributes()))
        .setDroppedAttributesCount(resource.droppedAttributesCount())
        .build();
  }

  static InstrumentationScope scope(dev.tracebridge.core.model.InstrumentationScope scope) {
    return InstrumentationScope.newBuilder()
        .setName(scope.name())
        .setVersion(scope.version())
        .addAllAttributes(keyValues(scope.attributes()))
        .setDroppedAttributesCount(scope.droppedAttributesCount())
        .build();
  }

  static List<KeyValue> keyValues(Attributes attributes) {
    return attributes.asMap().entrySet().stream()
        .map(e -> KeyValue.newBuilder().setKey(e.getKey()).setValue(anyValue(e.getValue())).build())
        .toList();
  }

  static AnyValue anyValue(AttributeValue value) {
    AnyValue.Builder out = AnyValue.newBuilder();
    if (value instanceof AttributeValue.StringValue v) {
      out.setStringValue(v.value());
    } else if (value instanceof AttributeValue.BoolValue v) {
      out.setBoolValue(v.value());
    } else if (value instanceof AttributeValue.LongValue v) {
      out.setIntValue(v.value());
    } else if (value instanceof AttributeValue.DoubleValue v) {
      out.setDoubleValue(v.value());
    } else if (value instanceof AttributeValue.BytesValue v) {
      out.setBytesValue(ByteString.copyFrom(v.value()));
    } else if (value instanceof AttributeValue.ArrayValue v) {
      out.setArrayValue(ArrayValue.newBuilder()
          .addAllValues(v.values().stream().map(OtlpProtos::anyValue).toList()));
    } else if (value instanceof AttributeValue.KeyValueList v) {
      out.setKvlistValue(KeyValueList.newBuilder().addAllValues(keyValues(v.values())));
    }
    return out.build();
  }
}
