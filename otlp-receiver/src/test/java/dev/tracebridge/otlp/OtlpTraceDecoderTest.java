package dev.tracebridge.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.tracebridge.core.model.AttributeValue;
import dev.tracebridge.core.model.Attributes;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.SpanKind;
import dev.tracebridge.core.model.SpanStatus;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.storage.TestTelemetry;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.EntityRef;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OtlpTraceDecoderTest {
  private static final TraceId TRACE = TraceId.fromHex("0af7651916cd43dd8448eb211c80319c");
  private static final SpanId SPAN = SpanId.fromHex("b7ad6b7169203331");
  private final OtlpTraceDecoder decoder = new OtlpTraceDecoder(OtlpLimits.defaults());

  @Test
  void fullSpan_decodesToEveryFieldItWasEncodedFrom() throws Exception {
    Span sent = TestTelemetry.fullSpan(TRACE, SPAN, SpanId.fromHex("00f067aa0ba902b7"));

    DecodedExport decoded = decoder.decode(OtlpProtos.request(sent).toByteArray());

    assertThat(decoded.rejected()).isZero();
    assertThat(decoded.rejectionMessage()).isEmpty();
    assertThat(decoded.spans()).containsExactly(sent);
    Span span = decoded.spans().get(0);
    assertThat(span.resource().schemaUrl()).isEqualTo("https://opentelemetry.io/schemas/1.24.0");
    assertThat(span.resource().droppedAttributesCount()).isEqualTo(1);
    assertThat(span.scope().schemaUrl()).isEqualTo("https://opentelemetry.io/schemas/1.21.0");
    assertThat(span.events().get(0).isException()).isTrue();
    assertThat(span.events().get(0).attributes().getText("exception.stacktrace"))
        .isEqualTo("at x.y(Z.java:1)");
    assertThat(span.links().get(0).traceState()).isEqualTo("vendor=1");
    assertThat(span.status()).isEqualTo(SpanStatus.of(SpanStatus.Code.ERROR, "boom"));
  }

  @Test
  void everyAnyValueKind_keptIncludingNestedArraysMapsBytesAndEmpty() {
    AttributeValue nested = new AttributeValue.ArrayValue(List.of(
        new AttributeValue.ArrayValue(List.of(AttributeValue.of(1L), AttributeValue.of("two"))),
        new AttributeValue.KeyValueList(Attributes.builder()
            .put("deep", new AttributeValue.KeyValueList(Attributes.builder()
                .put("bytes", new AttributeValue.BytesValue(new byte[] {0, -1, 42}))
                .put("none", AttributeValue.Empty.INSTANCE).build()))
            .build()),
        AttributeValue.of(false), AttributeValue.of(-0.5), AttributeValue.Empty.INSTANCE));
    Attributes attributes = Attributes.builder()
        .put("s", "text").put("b", true).put("i", Long.MIN_VALUE).put("d", Double.NaN)
        .put("bytes", new AttributeValue.BytesValue(new byte[0]))
        .put("empty-array", new AttributeValue.ArrayValue(List.of()))
        .put("empty-map", new AttributeValue.KeyValueList(Attributes.empty()))
        .put("nested", nested).put("unset", AttributeValue.Empty.INSTANCE).build();
    Span sent = Span.builder().traceId(TRACE).spanId(SPAN).attributes(attributes).build();

    DecodedExport decoded = decoder.decode(OtlpProtos.request(sent));

    assertThat(decoded.spans().get(0).attributes()).isEqualTo(attributes);
    assertThat(decoded.spans().get(0).attributes().asMap().keySet())
        .containsExactly("s", "b", "i", "d", "bytes", "empty-array", "empty-map", "nested", "unset");
  }

  @Test
  void allZeroTraceId_rejectsThatSpanOnlyAndSaysWhich() {
    var good = OtlpProtos.span(Span.builder().traceId(TRACE).spanId(SPAN).name("good").build());
    var bad = good.toBuilder().setName("bad").setTraceId(ByteString.copyFrom(new byte[16])).build();

    DecodedExport decoded = decoder.decode(OtlpProtos.requestOf(List.of(good, bad)));

    assertThat(decoded.spans()).extracting(Span::name).containsExactly("good");
    assertThat(decoded.rejected()).isEqualTo(1);
    assertThat(decoded.rejectionMessage())
        .isEqualTo("resourceSpans[0].scopeSpans[0].spans[1] rejected: traceId: all zero "
            + "(expected: a non-zero id)");
  }

  @Test
  void wrongLengthAndZeroIds_eachRejected() {
    var good = OtlpProtos.span(Span.builder().traceId(TRACE).spanId(SPAN).build());
    List<io.opentelemetry.proto.trace.v1.Span> bad = List.of(
        good.toBuilder().setTraceId(ByteString.copyFrom(new byte[8])).build(),
        good.toBuilder().setTraceId(ByteString.EMPTY).build(),
        good.toBuilder().setSpanId(ByteString.copyFrom(new byte[16])).build(),
        good.toBuilder().setSpanId(ByteString.copyFrom(new byte[8])).build(),
        good.toBuilder().setParentSpanId(ByteString.copyFrom(new byte[] {1, 2, 3})).build());

    DecodedExport decoded = decoder.decode(OtlpProtos.requestOf(bad));

    assertThat(decoded.spans()).isEmpty();
    assertThat(decoded.rejected()).isEqualTo(5);
    assertThat(decoded.rejectionMessage())
        .contains("spans[0] rejected: traceId: 8 bytes (expected: 16)")
        .contains("spans[1] rejected: traceId: 0 bytes (expected: 16)")
        .contains("spans[2] rejected: spanId: 16 bytes (expected: 8)")
        .contains("spans[3] rejected: spanId: all zero")
        .contains("spans[4] rejected: parentSpanId: 3 bytes (expected: 8, or empty for a root span)");
  }

  @Test
  void emptyOrAllZeroParent_makesARootSpan() {
    var withZeroParent = OtlpProtos.span(Span.builder().traceId(TRACE).spanId(SPAN).build())
        .toBuilder().setParentSpanId(ByteString.copyFrom(new byte[8])).build();
    var withoutParent = withZeroParent.toBuilder().clearParentSpanId().build();

    DecodedExport decoded = decoder.decode(OtlpProtos.requestOf(List.of(withZeroParent, withoutParent)));

    assertThat(decoded.rejected()).isZero();
    assertThat(decoded.spans()).allSatisfy(span -> assertThat(span.isRoot()).isTrue());
  }

  @Test
  void endBeforeStart_keptAsSent() {
    Span sent = Span.builder().traceId(TRACE).spanId(SPAN)
        .startEpochNanos(2_000).endEpochNanos(1_000).build();

    DecodedExport decoded = decoder.decode(OtlpProtos.request(sent));

    assertThat(decoded.rejected()).isZero();
    assertThat(decoded.spans().get(0).startEpochNanos()).isEqualTo(2_000);
    assertThat(decoded.spans().get(0).endEpochNanos()).isEqualTo(1_000);
  }

  @Test
  void unknownKindAndStatusNumbers_fallBackToUnspecifiedAndUnset() {
    var span = OtlpProtos.span(Span.builder().traceId(TRACE).spanId(SPAN).build()).toBuilder()
        .setKindValue(42)
        .setStatus(io.opentelemetry.proto.trace.v1.Status.newBuilder().setCodeValue(9).setMessage("x"))
        .build();

    Span decoded = decoder.decode(OtlpProtos.requestOf(List.of(span))).spans().get(0);

    assertThat(decoded.kind()).isEqualTo(SpanKind.UNSPECIFIED);
    assertThat(decoded.status()).isEqualTo(SpanStatus.of(SpanStatus.Code.UNSET, "x"));
  }

  @Test
  void linkWithInvalidId_droppedCountedAndReported() {
    var span = OtlpProtos.span(TestTelemetry.fullSpan(TRACE, SPAN, null));
    var badLink = span.getLinks(0).toBuilder().setSpanId(ByteString.copyFrom(new byte[4])).build();
    var withBadLink = span.toBuilder().addLinks(badLink).build();

    DecodedExport decoded = decoder.decode(OtlpProtos.requestOf(List.of(withBadLink)));

    Span decodedSpan = decoded.spans().get(0);
    assertThat(decoded.rejected()).isZero();
    assertThat(decodedSpan.links()).hasSize(1);
    assertThat(decodedSpan.droppedLinksCount()).isEqualTo(5 + 1);
    assertThat(decoded.rejectionMessage()).isEqualTo("resourceSpans[0].scopeSpans[0].spans[0].links[1]: "
        + "link dropped (counted in droppedLinksCount): spanId: 4 bytes (expected: 8)");
  }

  @Test
  void attributeOverTheLimit_droppedCountedAndReported() {
    OtlpTraceDecoder small = new OtlpTraceDecoder(new OtlpLimits(1024, 1024, 10));
    Span sent = Span.builder().traceId(TRACE).spanId(SPAN).droppedAttributesCount(2)
        .attributes(Attributes.builder().put("fits", "0123456789").put("huge", "01234567890")
            .put("nested", new AttributeValue.ArrayValue(List.of(AttributeValue.of("123456"),
                AttributeValue.of("123456")))).put("n", 7L).build())
        .build();

    DecodedExport decoded = small.decode(OtlpProtos.request(sent));

    Span span = decoded.spans().get(0);
    assertThat(span.attributes().asMap()).containsOnlyKeys("fits", "n");
    assertThat(span.droppedAttributesCount()).isEqualTo(2 + 2);
    assertThat(decoded.rejected()).isZero();
    assertThat(decoded.hasPartialSuccess()).isTrue();
    assertThat(decoded.rejectionMessage())
        .contains("attribute 'huge' dropped: value larger than 10 bytes")
        .contains("attribute 'nested' dropped");
  }

  @Test
  void profilesStringIndex_droppedAsUnrepresentable() {
    var span = OtlpProtos.span(Span.builder().traceId(TRACE).spanId(SPAN).build()).toBuilder()
        .addAttributes(KeyValue.newBuilder().setKey("k")
            .setValue(AnyValue.newBuilder().setStringValueStrindex(3)))
        .addAttributes(KeyValue.newBuilder().setKeyStrindex(4)
            .setValue(AnyValue.newBuilder().setStringValue("v")))
        .build();

    DecodedExport decoded = decoder.decode(OtlpProtos.requestOf(List.of(span)));

    assertThat(decoded.spans().get(0).attributes().isEmpty()).isTrue();
    assertThat(decoded.spans().get(0).droppedAttributesCount()).isEqualTo(2);
    assertThat(decoded.rejectionMessage()).contains("only defined for profiles");
  }

  @Test
  void droppedCountsAboveIntRange_saturateInsteadOfTurningNegative() {
    var span = OtlpProtos.span(Span.builder().traceId(TRACE).spanId(SPAN).build()).toBuilder()
        .setDroppedAttributesCount(-1).setDroppedEventsCount(-1).build();

    Span decoded = decoder.decode(OtlpProtos.requestOf(List.of(span))).spans().get(0);

    assertThat(decoded.droppedAttributesCount()).isEqualTo(Integer.MAX_VALUE);
    assertThat(decoded.droppedEventsCount()).isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void resourceEntityRefs_reportedAsNotStored() {
    ExportTraceServiceRequest request = ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder()
            .setResource(Resource.newBuilder()
                .addEntityRefs(EntityRef.newBuilder().setType("service").addIdKeys("service.name")))
            .addScopeSpans(ScopeSpans.newBuilder().addSpans(
                OtlpProtos.span(Span.builder().traceId(TRACE).spanId(SPAN).build()))))
        .build();

    DecodedExport decoded = decoder.decode(request);

    assertThat(decoded.spans()).hasSize(1);
    assertThat(decoded.rejectionMessage())
        .isEqualTo("resourceSpans[0].resource: 1 entity_refs not stored (not supported yet)");
  }

  @Test
  void manyInvalidSpans_countedExactlyWithABoundedMessage() {
    var bad = OtlpProtos.span(Span.builder().traceId(TRACE).spanId(SPAN).build()).toBuilder()
        .setSpanId(ByteString.EMPTY).build();
    List<io.opentelemetry.proto.trace.v1.Span> spans = new ArrayList<>();
    for (int i = 0; i < 20; i++) spans.add(bad);

    DecodedExport decoded = decoder.decode(OtlpProtos.requestOf(spans));

    assertThat(decoded.rejected()).isEqualTo(20);
    assertThat(decoded.rejectionMessage()).endsWith("; and 15 more");
  }

  @Test
  void emptyRequest_decodesToNothingWithoutComplaint() throws Exception {
    DecodedExport decoded = decoder.decode(new byte[0]);

    assertThat(decoded.spans()).isEmpty();
    assertThat(decoded.hasPartialSuccess()).isFalse();
  }

  @Test
  void truncatedProtobuf_failsWithOffset() {
    byte[] whole = OtlpProtos.request(TestTelemetry.fullSpan(TRACE, SPAN, null)).toByteArray();
    byte[] truncated = java.util.Arrays.copyOf(whole, whole.length - 7);

    assertThatThrownBy(() -> decoder.decode(truncated))
        .isInstanceOf(MalformedExportException.class)
        .hasMessageStartingWith("undecodable protobuf ExportTraceServiceRequest near byte ")
        .hasMessageContaining("of " + truncated.length)
        .hasMessageContaining("ended unexpectedly");
  }

  @Test
  void invalidUtf8InSpanName_failsAsUndecodable() {
    byte[] body = OtlpProtos.request(Span.builder().traceId(TRACE).spanId(SPAN).name("NAME").build())
        .toByteArray();
    int at = indexOf(body, "NAME".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    body[at] = (byte) 0xC3;
    body[at + 1] = (byte) 0x28;

    assertThatThrownBy(() -> decoder.decode(body))
        .isInstanceOf(MalformedExportException.class)
        .hasMessageContaining("invalid UTF-8");
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) continue outer;
      }
      return i;
    }
    throw new AssertionError("not found");
  }
}
