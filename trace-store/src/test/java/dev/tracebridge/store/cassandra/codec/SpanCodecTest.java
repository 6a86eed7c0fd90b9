package dev.tracebridge.store.cassandra.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracebridge.core.model.AttributeValue;
import dev.tracebridge.core.model.Attributes;
import dev.tracebridge.core.model.InstrumentationScope;
import dev.tracebridge.core.model.Resource;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.SpanEvent;
import dev.tracebridge.core.model.SpanKind;
import dev.tracebridge.core.model.SpanLink;
import dev.tracebridge.core.model.SpanStatus;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.storage.TestTelemetry;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpanCodecTest {

  private static Span roundTrip(Span span) {
    return SpanCodec.decode(ByteBuffer.wrap(SpanCodec.encode(span)));
  }

  @Test
  void fullSpan_roundTripsEveryField() {
    Span span = TestTelemetry.fullSpan(TestTelemetry.randomTraceId(), TestTelemetry.randomSpanId(),
        TestTelemetry.randomSpanId());

    assertThat(roundTrip(span)).isEqualTo(span);
  }

  @Test
  void payloadInsideALargerBuffer_asTheDriverHandsItOver_decodesTheSame() {
    Span span = TestTelemetry.fullSpan(TestTelemetry.randomTraceId(), TestTelemetry.randomSpanId(), null)
        .toBuilder().name("GET /caf\u00e9/\uD83D\uDE00").build();
    byte[] payload = SpanCodec.encode(span);
    byte[] frame = new byte[payload.length + 20];
    System.arraycopy(payload, 0, frame, 13, payload.length);
    ByteBuffer slice = ByteBuffer.wrap(frame, 13, payload.length).slice();
    ByteBuffer direct = ByteBuffer.allocateDirect(payload.length).put(payload).flip();

    assertThat(SpanCodec.decode(slice)).isEqualTo(span);
    assertThat(SpanCodec.decode(direct)).isEqualTo(span);
  }

  @Test
  void rootSpanWithDefaults_roundTripsWithoutParent() {
    Span span = Span.builder().traceId(TraceId.of(0, 1)).spanId(TestTelemetry.randomSpanId()).build();

    Span read = roundTrip(span);

    assertThat(read).isEqualTo(span);
    assertThat(read.parentSpanId()).isNull();
  }

  @Test
  void everyAttributeKind_roundTrips() {
    Attributes attributes = Attributes.builder()
        .put("empty", AttributeValue.Empty.INSTANCE)
        .put("string", "value")
        .put("emptyString", "")
        .put("true", true)
        .put("false", false)
        .put("long", 42L)
        .put("negative", -7L)
        .put("min", Long.MIN_VALUE)
        .put("max", Long.MAX_VALUE)
        .put("double", 0.1)
        .put("negativeZero", -0.0)
        .put("nan", Double.NaN)
        .put("infinity", Double.NEGATIVE_INFINITY)
        .put("bytes", new AttributeValue.BytesValue(new byte[] {0, -1, 127, -128}))
        .put("noBytes", new AttributeValue.BytesValue(new byte[0]))
        .put("emptyArray", new AttributeValue.ArrayValue(List.of()))
        .put("emptyMap", new AttributeValue.KeyValueList(Attributes.empty()))
        .build();
    Span span = spanWith(attributes);

    Span read = roundTrip(span);

    assertThat(read).isEqualTo(span);
    assertThat(read.attributes().asMap().keySet()).containsExactlyElementsOf(attributes.asMap().keySet());
    assertThat(((AttributeValue.DoubleValue) read.attributes().get("negativeZero")).value())
        .isEqualTo(-0.0).hasToString("-0.0");
  }

  @Test
  void nestedArraysAndKeyValueLists_roundTrip() {
    AttributeValue inner = new AttributeValue.KeyValueList(Attributes.builder()
        .put("list", new AttributeValue.ArrayValue(List.of(AttributeValue.of(1L),
            new AttributeValue.ArrayValue(List.of(AttributeValue.of("deep"), AttributeValue.Empty.INSTANCE)))))
        .build());
    AttributeValue nested = inner;
    for (int i = 0; i < 50; i++) {
      nested = i % 2 == 0 ? new AttributeValue.ArrayValue(List.of(nested, AttributeValue.of(i)))
          : new AttributeValue.KeyValueList(Attributes.builder().put("level" + i, nested).build());
    }
    Span span = spanWith(Attributes.builder().put("nested", nested).build());

    assertThat(roundTrip(span)).isEqualTo(span);
  }

  @Test
  void unicodeText_roundTripsExactly() {
    String text = "héllo wörld — 日本語 — emoji 😀👍🏽 — zero \u0000 — BOM \uFEFF — max \uFFFF";
    String loneSurrogates = "high \uD800 alone, low \uDC00 alone, reversed \uDC00\uD800, end \uD83D";
    Span span = spanWith(Attributes.builder().put(text, loneSurrogates).put("k", text).build())
        .toBuilder().name(loneSurrogates).traceState(text).build();

    Span read = roundTrip(span);

    assertThat(read).isEqualTo(span);
    assertThat(read.name()).isEqualTo(loneSurrogates);
  }

  @Test
  void largeValues_roundTrip() {
    byte[] bytes = new byte[2 * 1024 * 1024];
    Arrays.fill(bytes, (byte) 0x5a);
    List<SpanEvent> events = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      events.add(new SpanEvent("event-" + i, i, Attributes.builder().put("i", i).build(), i));
    }
    Span span = spanWith(Attributes.builder().put("big", "x".repeat(1_000_000))
        .put("blob", new AttributeValue.BytesValue(bytes)).build()).toBuilder().events(events).build();

    assertThat(roundTrip(span)).isEqualTo(span);
  }

  @Test
  void extremeNumbers_roundTrip() {
    Span span = TestTelemetry.fullSpan(TraceId.of(-1, -1), TestTelemetry.randomSpanId(), null).toBuilder()
        .flags(-1).startEpochNanos(Long.MIN_VALUE).endEpochNanos(Long.MAX_VALUE)
        .droppedAttributesCount(Integer.MAX_VALUE).droppedEventsCount(Integer.MIN_VALUE)
        .droppedLinksCount(-1).kind(SpanKind.CONSUMER).status(SpanStatus.of(SpanStatus.Code.OK, ""))
        .resource(new Resource(Attributes.empty(), Integer.MAX_VALUE, ""))
        .scope(new InstrumentationScope("", "", Attributes.empty(), -5, ""))
        .links(List.of(new SpanLink(TraceId.of(0, 7), TestTelemetry.randomSpanId(), "", Integer.MIN_VALUE,
            Attributes.empty(), Integer.MAX_VALUE)))
        .build();

    assertThat(roundTrip(span)).isEqualTo(span);
  }

  @Test
  void everyKindAndStatus_roundTrip() {
    for (SpanKind kind : SpanKind.values()) {
      for (SpanStatus.Code code : SpanStatus.Code.values()) {
        Span span = spanWith(Attributes.empty()).toBuilder().kind(kind)
            .status(SpanStatus.of(code, code.name())).build();
        assertThat(roundTrip(span)).isEqualTo(span);
      }
    }
  }

  @Test
  void everyTruncation_failsAsCorrupt() {
    byte[] payload = SpanCodec.encode(TestTelemetry.fullSpan(TestTelemetry.randomTraceId(),
        TestTelemetry.randomSpanId(), TestTelemetry.randomSpanId()));

    for (int length = 0; length < payload.length; length++) {
      ByteBuffer truncated = ByteBuffer.wrap(payload, 0, length);
      assertThatThrownBy(() -> SpanCodec.decode(truncated))
          .as("payload cut to %d of %d bytes", length, payload.length)
          .isInstanceOf(CorruptPayloadException.class);
    }
  }

  @Test
  void unknownFormat_failsNamingIt() {
    byte[] payload = SpanCodec.encode(spanWith(Attributes.empty()));
    payload[0] = 9;

    assertThatThrownBy(() -> SpanCodec.decode(ByteBuffer.wrap(payload)))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessage("span payload format 9 (expected: 1)");
  }

  @Test
  void trailingBytes_failAsCorrupt() {
    byte[] payload = SpanCodec.encode(spanWith(Attributes.empty()));
    byte[] longer = Arrays.copyOf(payload, payload.length + 1);

    assertThatThrownBy(() -> SpanCodec.decode(ByteBuffer.wrap(longer)))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining("1 unexpected bytes");
  }

  @Test
  void hugeCountInDamagedPayload_failsWithoutAllocating() {
    PayloadWriter out = new PayloadWriter();
    out.writeCount(Integer.MAX_VALUE);

    assertThatThrownBy(() -> AttributesCodec.read(new PayloadReader(ByteBuffer.wrap(out.toByteArray()))))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining("exceeds");
  }

  @Test
  void readDoesNotMoveTheCallersBuffer() {
    ByteBuffer payload = ByteBuffer.wrap(SpanCodec.encode(spanWith(Attributes.empty())));

    SpanCodec.decode(payload);

    assertThat(payload.position()).isZero();
    assertThat(SpanCodec.decode(payload)).isEqualTo(spanWith(Attributes.empty()));
  }

  private static final TraceId TRACE = TraceId.fromHex("0af7651916cd43dd8448eb211c80319c");

  private static Span spanWith(Attributes attributes) {
    return Span.builder().traceId(TRACE).spanId(dev.tracebridge.core.model.SpanId.fromHex("b7ad6b7169203331"))
        .name("op").attributes(attributes).build();
  }

  @Test
  void idsReadWithoutDecoding_matchTheSpan_andAnotherPayloadIsRefused() {
    Span span = TestTelemetry.fullSpan(TestTelemetry.randomTraceId(), TestTelemetry.randomSpanId(), null);
    ByteBuffer payload = ByteBuffer.wrap(SpanCodec.encode(span));

    assertThat(SpanCodec.traceIdLow(payload)).isEqualTo(span.traceId().low());
    assertThat(SpanCodec.spanId(payload)).isEqualTo(span.spanId().value());
    assertThat(payload.position()).isZero();
    assertThatThrownBy(() -> SpanCodec.spanId(ByteBuffer.wrap(new byte[] {9, 1, 2})))
        .isInstanceOf(CorruptPayloadException.class);
  }
}
