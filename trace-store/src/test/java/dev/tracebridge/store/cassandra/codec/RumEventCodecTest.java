package dev.tracebridge.store.cassandra.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracebridge.core.model.AttributeValue;
import dev.tracebridge.core.model.Attributes;
import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.rum.HeaderFormat;
import dev.tracebridge.core.rum.PropagatedContext;
import dev.tracebridge.core.rum.ResourceTiming;
import dev.tracebridge.core.rum.ResourceType;
import dev.tracebridge.core.rum.RumAction;
import dev.tracebridge.core.rum.RumContext;
import dev.tracebridge.core.rum.RumError;
import dev.tracebridge.core.rum.RumEvent;
import dev.tracebridge.core.rum.RumLongTask;
import dev.tracebridge.core.rum.RumResource;
import dev.tracebridge.core.rum.RumView;
import dev.tracebridge.core.rum.Sampling;
import dev.tracebridge.core.storage.TestTelemetry;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RumEventCodecTest {
  private static final RumContext FULL_CONTEXT = new RumContext("shop-web", "session-1", "view-1",
      "https://shop.example/cart?q=ü", "user-42", Map.of(RumContext.TEST_SESSION, "run-7", "env", "prod"));
  private static final RumContext BARE_CONTEXT = new RumContext("shop-web", null, null, null, null, Map.of());
  private static final Attributes ATTRIBUTES = Attributes.builder().put("transfer_size", 1692L)
      .put("list", new AttributeValue.ArrayValue(List.of(AttributeValue.of(true)))).build();

  private static RumEvent roundTrip(RumEvent event) {
    return RumEventCodec.decode(ByteBuffer.wrap(RumEventCodec.encode(event)));
  }

  @Test
  void fullResource_roundTripsEveryField() {
    RumResource resource = TestTelemetry.fullResource(TestTelemetry.randomTraceId(), TestTelemetry.randomSpanId());

    assertThat(roundTrip(resource)).isEqualTo(resource);
  }

  @Test
  void resourceWithoutTimingOrSpanId_roundTrips() {
    RumResource resource = new RumResource("r-1", BARE_CONTEXT, 5, 0, ResourceType.DOCUMENT, "", "", 0, null,
        List.of(new PropagatedContext(HeaderFormat.DATADOG, TraceId.of(0, 9), null, Sampling.UNKNOWN)),
        Map.of(), Attributes.empty());

    RumEvent read = roundTrip(resource);

    assertThat(read).isEqualTo(resource);
    assertThat(((RumResource) read).timing()).isNull();
  }

  @Test
  void everyHeaderFormatSamplingAndType_roundTrips() {
    List<PropagatedContext> contexts = new ArrayList<>();
    for (HeaderFormat format : HeaderFormat.values()) {
      for (Sampling sampling : Sampling.values()) {
        contexts.add(new PropagatedContext(format, TestTelemetry.randomTraceId(), TestTelemetry.randomSpanId(),
            sampling));
      }
    }
    ResourceTiming timing = new ResourceTiming(1, 2, 3, 4, 5, 6, 7, ResourceTiming.UNKNOWN, 9, 10, Long.MAX_VALUE);
    for (ResourceType type : ResourceType.values()) {
      RumResource resource = new RumResource("r-" + type, FULL_CONTEXT, 1_700_000_000_000_000_000L, 42,
          type, "https://api.example/x", "POST", 503, timing, contexts,
          Map.of("traceparent", "00-x-y-01", "b3", "a-b-1"), ATTRIBUTES);
      assertThat(roundTrip(resource)).isEqualTo(resource);
    }
  }

  @Test
  void view_roundTripsWithVersionAndTimings() {
    RumView view = new RumView("view-1", FULL_CONTEXT, 1_700_000_000_000_000_000L, 3_000_000_000L,
        "https://shop.example/", "", 17, Map.of("loading_time", 120_000_000L, "first_byte", -1L), ATTRIBUTES);

    assertThat(roundTrip(view)).isEqualTo(view);
  }

  @Test
  void error_roundTripsWithPropagation() {
    RumError error = new RumError("err-1", FULL_CONTEXT, 1L, "TypeError: x is undefined 🙈",
        "TypeError", "at f (app.js:1:2)\nat g (app.js:3:4)", "source",
        List.of(new PropagatedContext(HeaderFormat.W3C, TestTelemetry.randomTraceId(),
            SpanId.of(1), Sampling.SAMPLED)), ATTRIBUTES);

    assertThat(roundTrip(error)).isEqualTo(error);
  }

  @Test
  void actionAndLongTask_roundTrip() {
    RumAction action = new RumAction("act-1", BARE_CONTEXT, 7, 250_000_000, "click", "Add to cart", ATTRIBUTES);
    RumLongTask task = new RumLongTask("lt-1", FULL_CONTEXT, 8, 51_000_000, Attributes.empty());

    assertThat(roundTrip(action)).isEqualTo(action);
    assertThat(roundTrip(task)).isEqualTo(task);
  }

  @Test
  void everyType_isNamedInItsPayload() {
    RumEvent[] events = {
        TestTelemetry.view("app", "s", "v", 1, 1),
        TestTelemetry.fullResource(TestTelemetry.randomTraceId(), TestTelemetry.randomSpanId()),
        new RumError("e", BARE_CONTEXT, 1, "", "", "", "", List.of(), Attributes.empty()),
        new RumAction("a", BARE_CONTEXT, 1, 0, "", "", Attributes.empty()),
        new RumLongTask("l", BARE_CONTEXT, 1, 0, Attributes.empty())};

    for (int i = 0; i < events.length; i++) {
      assertThat(RumEventCodec.encode(events[i])[1]).isEqualTo((byte) (i + 1));
      assertThat(RumEventCodec.typeOf(events[i])).isEqualTo(i + 1);
    }
  }

  @Test
  void everyTruncation_failsAsCorrupt() {
    byte[] payload = RumEventCodec.encode(
        TestTelemetry.fullResource(TestTelemetry.randomTraceId(), TestTelemetry.randomSpanId()));

    for (int length = 0; length < payload.length; length++) {
      ByteBuffer truncated = ByteBuffer.wrap(payload, 0, length);
      assertThatThrownBy(() -> RumEventCodec.decode(truncated))
          .as("payload cut to %d of %d bytes", length, payload.length)
          .isInstanceOf(CorruptPayloadException.class);
    }
  }

  @Test
  void unknownEventType_failsNamingIt() {
    byte[] payload = RumEventCodec.encode(TestTelemetry.view("app", "s", "v", 1, 1));
    payload[1] = 42;

    assertThatThrownBy(() -> RumEventCodec.decode(ByteBuffer.wrap(payload)))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessage("unknown RUM event type 42");
  }

  @Test
  void spanPayload_isNotTakenForARumEvent() {
    // The trace id's first byte sits where a RUM payload names its type: 02 would read as a resource.
    byte[] span = SpanCodec.encode(TestTelemetry.fullSpan(
        TraceId.fromHex("0200000000000000aff1073d5209cd60"), TestTelemetry.randomSpanId(), null));

    assertThatThrownBy(() -> RumEventCodec.decode(ByteBuffer.wrap(span)))
        .isInstanceOf(CorruptPayloadException.class);
  }

  @Test
  void eventIdReadWithoutDecoding_isTheEvents() {
    RumResource resource = TestTelemetry.fullResource(TestTelemetry.randomTraceId(), TestTelemetry.randomSpanId());

    assertThat(RumEventCodec.eventId(ByteBuffer.wrap(RumEventCodec.encode(resource)))).isEqualTo(resource.eventId());
    assertThatThrownBy(() -> RumEventCodec.eventId(ByteBuffer.wrap(new byte[] {9})))
        .isInstanceOf(CorruptPayloadException.class);
  }
}
