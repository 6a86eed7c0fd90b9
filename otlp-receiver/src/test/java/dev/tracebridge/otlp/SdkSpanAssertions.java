package dev.tracebridge.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.core.model.AttributeValue;
import dev.tracebridge.core.model.Attributes;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.SpanEvent;
import dev.tracebridge.core.model.SpanLink;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Asserts that spans decoded by the receiver carry everything the OpenTelemetry SDK recorded. */
final class SdkSpanAssertions {
  private SdkSpanAssertions() {}

  static void assertArrivedWhole(List<Span> received, List<SpanData> sent) {
    assertThat(received).hasSameSizeAs(sent);
    Map<String, Span> byId =
        received.stream().collect(Collectors.toMap(s -> s.spanId().toHex(), Function.identity()));
    for (SpanData expected : sent) {
      Span actual = byId.get(expected.getSpanId());
      assertThat(actual).as("span %s", expected.getName()).isNotNull();
      assertThat(actual.traceId().toHex()).isEqualTo(expected.getTraceId());
      String parent = expected.getParentSpanContext().isValid()
          ? expected.getParentSpanContext().getSpanId() : null;
      assertThat(actual.parentSpanId() == null ? null : actual.parentSpanId().toHex()).isEqualTo(parent);
      assertThat(actual.name()).isEqualTo(expected.getName());
      assertThat(actual.kind().name()).isEqualTo(expected.getKind().name());
      assertThat(actual.startEpochNanos()).isEqualTo(expected.getStartEpochNanos());
      assertThat(actual.endEpochNanos()).isEqualTo(expected.getEndEpochNanos());
      assertThat(actual.flags() & 0xff).isEqualTo(expected.getSpanContext().getTraceFlags().asByte());
      assertThat(actual.attributes()).isEqualTo(core(expected.getAttributes()));
      assertThat(actual.droppedAttributesCount())
          .isEqualTo(expected.getTotalAttributeCount() - expected.getAttributes().size());
      assertThat(actual.status().code().name()).isEqualTo(expected.getStatus().getStatusCode().name());
      assertThat(actual.status().message()).isEqualTo(expected.getStatus().getDescription());
      assertThat(actual.events()).hasSameSizeAs(expected.getEvents());
      for (int i = 0; i < expected.getEvents().size(); i++) {
        EventData event = expected.getEvents().get(i);
        SpanEvent got = actual.events().get(i);
        assertThat(got.name()).isEqualTo(event.getName());
        assertThat(got.epochNanos()).isEqualTo(event.getEpochNanos());
        assertThat(got.attributes()).isEqualTo(core(event.getAttributes()));
      }
      assertThat(actual.links()).hasSameSizeAs(expected.getLinks());
      for (int i = 0; i < expected.getLinks().size(); i++) {
        LinkData link = expected.getLinks().get(i);
        SpanLink got = actual.links().get(i);
        assertThat(got.traceId().toHex()).isEqualTo(link.getSpanContext().getTraceId());
        assertThat(got.spanId().toHex()).isEqualTo(link.getSpanContext().getSpanId());
        assertThat(got.traceState()).isEqualTo("vendor=v1");
        assertThat(got.attributes()).isEqualTo(core(link.getAttributes()));
      }
      assertThat(actual.resource().attributes()).isEqualTo(core(expected.getResource().getAttributes()));
      assertThat(actual.resource().schemaUrl())
          .isEqualTo(java.util.Objects.toString(expected.getResource().getSchemaUrl(), ""));
      assertThat(actual.serviceName()).isEqualTo(SdkSpans.SERVICE);
      assertThat(actual.scope().name()).isEqualTo(expected.getInstrumentationScopeInfo().getName());
      assertThat(actual.scope().version())
          .isEqualTo(expected.getInstrumentationScopeInfo().getVersion());
    }
  }

  /** The SDK's attributes as core attributes, typed the way OTLP carries each SDK attribute type. */
  static Attributes core(io.opentelemetry.api.common.Attributes sdk) {
    Attributes.Builder out = Attributes.builder();
    sdk.forEach((key, value) -> out.put(key.getKey(), core(key, value)));
    return out.build();
  }

  private static AttributeValue core(AttributeKey<?> key, Object value) {
    return switch (key.getType()) {
      case STRING -> AttributeValue.of((String) value);
      case BOOLEAN -> AttributeValue.of((Boolean) value);
      case LONG -> AttributeValue.of((Long) value);
      case DOUBLE -> AttributeValue.of((Double) value);
      default -> new AttributeValue.ArrayValue(((List<?>) value).stream().map(SdkSpanAssertions::scalar)
          .toList());
    };
  }

  private static AttributeValue scalar(Object value) {
    if (value instanceof String s) return AttributeValue.of(s);
    if (value instanceof Boolean b) return AttributeValue.of(b);
    if (value instanceof Long l) return AttributeValue.of(l);
    if (value instanceof Double d) return AttributeValue.of(d);
    throw new AssertionError("unexpected SDK attribute value " + value);
  }
}
