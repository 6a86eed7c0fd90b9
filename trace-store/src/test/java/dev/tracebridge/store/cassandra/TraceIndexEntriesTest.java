package dev.tracebridge.store.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.core.model.Attributes;
import dev.tracebridge.core.model.Resource;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.SpanStatus;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.rum.RumResource;
import dev.tracebridge.core.storage.TestTelemetry;
import dev.tracebridge.core.storage.TraceWrite;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Index rows are per service, session, view and URL of a write: never per span. */
class TraceIndexEntriesTest {

  @Test
  void tenSpansOfTwoServices_giveTwoServiceRows() {
    TraceId traceId = TestTelemetry.randomTraceId();
    List<Span> spans = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      spans.add(Span.builder().traceId(traceId).spanId(TestTelemetry.randomSpanId()).name("op-" + (i % 3))
          .resource(Resource.of(Attributes.builder().put("service.name", i < 7 ? "front" : "db").build()))
          .startEpochNanos(1_000 + i).endEpochNanos(1_000 + i + i * 10)
          .status(i == 8 ? SpanStatus.of(SpanStatus.Code.ERROR, "") : SpanStatus.UNSET)
          .attributes(i == 2 ? Attributes.builder().put("http.response.status_code", 404L).build()
              : Attributes.empty())
          .build());
    }

    TraceIndexEntries entries = TraceIndexEntries.of(TraceWrite.ofSpans(traceId.key(), spans));

    assertThat(entries.services()).hasSize(2);
    TraceIndexEntries.Service front = entries.services().get(0);
    assertThat(front.service()).isEqualTo("front");
    assertThat(front.startNanos()).isEqualTo(1_000);
    assertThat(front.maxDurationNanos()).isEqualTo(60);
    assertThat(front.error()).isFalse();
    assertThat(front.operations()).containsExactlyInAnyOrder("op-0", "op-1", "op-2");
    assertThat(front.httpStatuses()).containsExactly(404);
    assertThat(entries.services().get(1).error()).isTrue();
    // One trace batch, two service rows and the minute row for ten spans: 0.4 requests per span (0.3 for
    // a trace of one service); services_by_day rows are written once a day, not per trace.
    assertThat(1 + entries.services().size() + 1).isEqualTo(4);
    assertThat(entries.started()).isEqualTo(new TraceIndexEntries.Started(1_000, traceId.high()));
  }

  @Test
  void started_isTheEarliestRow_withTheHighBitsOfAnyRowThatKnewThem() {
    TraceId full = TestTelemetry.randomTraceId();
    TraceId lowOnly = TraceId.of(0, full.low());
    RumResource earlier = TestTelemetry.fullResource(full, TestTelemetry.randomSpanId());
    Span span = Span.builder().traceId(lowOnly).spanId(TestTelemetry.randomSpanId()).name("GET /a")
        .startEpochNanos(earlier.epochNanos() + 5_000).endEpochNanos(earlier.epochNanos() + 6_000).build();

    TraceIndexEntries entries = TraceIndexEntries.of(new TraceWrite(full.key(), List.of(span), List.of(earlier)));

    assertThat(entries.started()).isEqualTo(new TraceIndexEntries.Started(earlier.epochNanos(), full.high()));
  }

  @Test
  void resources_indexedOncePerSessionViewAndUrl() {
    TraceId traceId = TestTelemetry.randomTraceId();
    RumResource a = TestTelemetry.fullResource(traceId, TestTelemetry.randomSpanId());
    RumResource b = TestTelemetry.fullResource(traceId, TestTelemetry.randomSpanId());

    TraceIndexEntries entries = TraceIndexEntries.of(TraceWrite.ofResources(traceId.key(), List.of(a, b)));

    assertThat(entries.sessions()).containsExactly(new TraceIndexEntries.Session("shop-web", "session-1",
        a.epochNanos()));
    assertThat(entries.views()).containsExactly(new TraceIndexEntries.View("shop-web", "view-1", a.epochNanos()));
    assertThat(entries.urls()).extracting(TraceIndexEntries.Url::pattern).containsExactly("api.shop.example/cart/{id}");
  }

  @Test
  void manyOperations_cappedPerRow() {
    TraceId traceId = TestTelemetry.randomTraceId();
    List<Span> spans = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      spans.add(Span.builder().traceId(traceId).spanId(TestTelemetry.randomSpanId()).name("GET /user/" + i).build());
    }

    TraceIndexEntries entries = TraceIndexEntries.of(TraceWrite.ofSpans(traceId.key(), spans));

    assertThat(entries.services().get(0).operations()).hasSize(Schema.MAX_INDEXED_OPERATIONS);
  }
}
