package dev.tracebridge.store.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.rum.RumResource;
import dev.tracebridge.core.storage.TestTelemetry;
import dev.tracebridge.core.storage.TraceWrite;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** Listing a minute's traces from traces_by_minute, as the metric rollup pass does, on a real node. */
class CassandraMinuteListingTest {
  private static final long SECOND = 1_000_000_000L;
  /** A minute two to three days back that no other test writes into: each test owns its minutes. */
  private final long minute = System.currentTimeMillis() / 60_000 - Duration.ofDays(2).toMinutes()
      - ThreadLocalRandom.current().nextLong(Duration.ofDays(1).toMinutes());
  private final long minuteStart = minute * 60 * SECOND;

  @Test
  void tracesOfAMinute_areListedNewestFirst_byTheirFullIds() throws Exception {
    TraceId first = TestTelemetry.randomTraceId();
    writeSpan(first, minuteStart + 10 * SECOND);
    // The browser's write knew only 64 bits; the backend's, in the same minute, knew all 128.
    TraceId joined = TestTelemetry.randomTraceId();
    writeResource(TraceId.of(0, joined.low()), minuteStart + 20 * SECOND);
    writeSpan(joined, minuteStart + 30 * SECOND);
    TraceId nextMinute = TestTelemetry.randomTraceId();
    writeSpan(nextMinute, minuteStart + 70 * SECOND);
    // Started the minute before, with a later write in this one: listed, for the reader to skip.
    TraceId earlier = TestTelemetry.randomTraceId();
    writeSpan(earlier, minuteStart - 10 * SECOND);
    writeSpan(earlier, minuteStart + 40 * SECOND);

    StartedTraces listed = SharedNode.store().tracesStartedIn(minute, 100).toCompletableFuture().get();

    assertThat(listed.traceIds()).containsExactly(earlier, joined, first);
    assertThat(listed.complete()).isTrue();
    assertThat(SharedNode.store().tracesStartedIn(minute - 1, 100).toCompletableFuture().get().traceIds())
        .containsExactly(earlier);
  }

  @Test
  void moreTracesThanAskedFor_newestAreListed_andTheListingSaysItIsIncomplete() throws Exception {
    List<TraceId> written = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      TraceId id = TestTelemetry.randomTraceId();
      writeSpan(id, minuteStart + i * SECOND);
      written.add(0, id);
    }

    StartedTraces three = SharedNode.store().tracesStartedIn(minute, 3).toCompletableFuture().get();
    StartedTraces five = SharedNode.store().tracesStartedIn(minute, 5).toCompletableFuture().get();

    assertThat(three.traceIds()).containsExactlyElementsOf(written.subList(0, 3));
    assertThat(three.complete()).isFalse();
    assertThat(five.traceIds()).containsExactlyElementsOf(written);
    assertThat(five.complete()).isTrue();
  }

  @Test
  void maxTracesOutOfRange_isRefused() {
    assertThatThrownBy(() -> SharedNode.store().tracesStartedIn(minute, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxTraces: 0 (expected: 1 to " + CassandraTraceStore.MAX_LISTED_TRACES + ")");
  }

  private static void writeSpan(TraceId traceId, long startNanos) throws Exception {
    Span span = TestTelemetry.fullSpan(traceId, TestTelemetry.randomSpanId(), null).toBuilder()
        .startEpochNanos(startNanos).endEpochNanos(startNanos + SECOND / 10).build();
    SharedNode.store().write(TraceWrite.ofSpans(traceId.key(), List.of(span))).toCompletableFuture().get();
  }

  private static void writeResource(TraceId traceId, long startNanos) throws Exception {
    RumResource template = TestTelemetry.fullResource(traceId, TestTelemetry.randomSpanId());
    RumResource resource = new RumResource(template.eventId(), template.context(), startNanos,
        template.durationNanos(), template.type(), template.url(), template.method(), template.statusCode(),
        template.timing(), template.propagation(), template.traceHeaders(), template.attributes());
    SharedNode.store().write(TraceWrite.ofResources(traceId.key(), List.of(resource))).toCompletableFuture().get();
  }
}
