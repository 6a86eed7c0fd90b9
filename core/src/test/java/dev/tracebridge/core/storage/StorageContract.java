package dev.tracebridge.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.rum.RumEvent;
import dev.tracebridge.core.rum.RumResource;
import dev.tracebridge.core.rum.RumView;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * The storage test suite: written once, run by every {@link TraceStore}. A subclass supplies the store;
 * tests isolate themselves with random ids instead of truncating, so a shared Cassandra node stays fast.
 */
public abstract class StorageContract {

  /** The store under test; may be shared between tests. */
  protected abstract TraceStore store();

  @Test
  void spansWritten_readBackWhole() throws Exception {
    TraceId traceId = TestTelemetry.randomTraceId();
    var spans = List.of(TestTelemetry.fullSpan(traceId, TestTelemetry.randomSpanId(), null),
        TestTelemetry.fullSpan(traceId, TestTelemetry.randomSpanId(), TestTelemetry.randomSpanId()));
    store().write(TraceWrite.ofSpans(traceId.key(), spans)).toCompletableFuture().get();

    TraceRecords read = store().readTrace(traceId.key()).toCompletableFuture().get();
    assertThat(read.spans()).containsExactlyInAnyOrderElementsOf(spans);
  }

  @Test
  void readDecodingOnAnExecutor_readsTheSameRecords() throws Exception {
    TraceId traceId = TestTelemetry.randomTraceId();
    SpanId browserSpan = TestTelemetry.randomSpanId();
    var spans = List.of(TestTelemetry.fullSpan(traceId, TestTelemetry.randomSpanId(), null),
        TestTelemetry.fullSpan(traceId, TestTelemetry.randomSpanId(), browserSpan));
    store().write(new TraceWrite(traceId.key(), spans, List.of(TestTelemetry.fullResource(traceId, browserSpan))))
        .toCompletableFuture().get();
    ExecutorService decoding = Executors.newSingleThreadExecutor();
    try {
      TraceRecords read = store().readTrace(traceId.key(), decoding).toCompletableFuture().get();

      assertThat(read).isEqualTo(store().readTrace(traceId.key()).toCompletableFuture().get());
      assertThat(read.spans()).containsExactlyInAnyOrderElementsOf(spans);
      assertThat(read.resources()).hasSize(1);
    } finally {
      decoding.shutdownNow();
    }
  }

  @Test
  void exportOfManyTraces_eachReadBackWhole() throws Exception {
    List<TraceId> traces = List.of(TestTelemetry.randomTraceId(), TestTelemetry.randomTraceId(),
        TestTelemetry.randomTraceId());
    List<TraceWrite> writes = traces.stream()
        .map(id -> TraceWrite.ofSpans(id.key(), List.of(
            TestTelemetry.fullSpan(id, TestTelemetry.randomSpanId(), null),
            TestTelemetry.fullSpan(id, TestTelemetry.randomSpanId(), TestTelemetry.randomSpanId()))))
        .toList();
    store().writeAll(writes).toCompletableFuture().get();

    for (TraceWrite write : writes) {
      TraceRecords read = store().readTrace(write.key()).toCompletableFuture().get();
      assertThat(read.spans()).containsExactlyInAnyOrderElementsOf(write.spans());
    }
  }

  @Test
  void sameSpansRegrouped_storedOnce() throws Exception {
    // An SDK's retry may batch differently than the first attempt: the same span must still read once.
    TraceId traceId = TestTelemetry.randomTraceId();
    var first = TestTelemetry.fullSpan(traceId, TestTelemetry.randomSpanId(), null);
    var second = TestTelemetry.fullSpan(traceId, TestTelemetry.randomSpanId(), first.spanId());
    store().writeAll(List.of(TraceWrite.ofSpans(traceId.key(), List.of(first, second))))
        .toCompletableFuture().get();
    store().writeAll(List.of(TraceWrite.ofSpans(traceId.key(), List.of(second))))
        .toCompletableFuture().get();

    TraceRecords read = store().readTrace(traceId.key()).toCompletableFuture().get();
    assertThat(read.spans()).containsExactlyInAnyOrder(first, second);
  }

  @Test
  void unknownKey_readsEmpty() throws Exception {
    TraceRecords read = store().readTrace(TestTelemetry.randomTraceId().key()).toCompletableFuture().get();
    assertThat(read.isEmpty()).isTrue();
  }

  @Test
  void resourceBeforeSpans_bothInOnePartition() throws Exception {
    TraceId traceId = TestTelemetry.randomTraceId();
    SpanId browserSpan = TestTelemetry.randomSpanId();
    RumResource resource = TestTelemetry.fullResource(traceId, browserSpan);
    store().write(TraceWrite.ofResources(traceId.key(), List.of(resource))).toCompletableFuture().get();
    var span = TestTelemetry.fullSpan(traceId, TestTelemetry.randomSpanId(), browserSpan);
    store().write(TraceWrite.ofSpans(traceId.key(), List.of(span))).toCompletableFuture().get();

    TraceRecords read = store().readTrace(traceId.key()).toCompletableFuture().get();
    assertThat(read.resources()).containsExactly(resource);
    assertThat(read.spans()).containsExactly(span);
  }

  @Test
  void sameRowsTwice_storedOnce() throws Exception {
    TraceId traceId = TestTelemetry.randomTraceId();
    var span = TestTelemetry.fullSpan(traceId, TestTelemetry.randomSpanId(), null);
    RumResource resource = TestTelemetry.fullResource(traceId, TestTelemetry.randomSpanId());
    TraceWrite write = new TraceWrite(traceId.key(), List.of(span), List.of(resource));
    store().write(write).toCompletableFuture().get();
    store().write(write).toCompletableFuture().get();

    TraceRecords read = store().readTrace(traceId.key()).toCompletableFuture().get();
    assertThat(read.spans()).hasSize(1);
    assertThat(read.resources()).hasSize(1);
  }

  @Test
  void sixtyFourBitBrowserId_landsWithFullBackendId() throws Exception {
    TraceId full = TestTelemetry.randomTraceId();
    TraceId low = TraceId.of(0, full.low());
    RumResource resource = TestTelemetry.fullResource(low, TestTelemetry.randomSpanId());
    var span = TestTelemetry.fullSpan(full, TestTelemetry.randomSpanId(), null);
    store().write(TraceWrite.ofResources(low.key(), List.of(resource))).toCompletableFuture().get();
    store().write(TraceWrite.ofSpans(full.key(), List.of(span))).toCompletableFuture().get();

    TraceRecords read = store().readTrace(full.key()).toCompletableFuture().get().matching(full);
    assertThat(read.spans()).containsExactly(span);
    assertThat(read.resources()).containsExactly(resource);
  }

  @Test
  void sessionEvents_readInTimeOrderWithLatestViewVersion() throws Exception {
    String app = "app-" + ThreadLocalRandom.current().nextInt(1_000_000);
    String session = "session-" + TestTelemetry.randomSpanId();
    RumView v1 = TestTelemetry.view(app, session, "view-1", 1_000, 1);
    RumView v3 = TestTelemetry.view(app, session, "view-1", 1_000, 3);
    RumView v2 = TestTelemetry.view(app, session, "view-1", 1_000, 2);
    RumResource resource = TestTelemetry.fullResource(TestTelemetry.randomTraceId(),
        TestTelemetry.randomSpanId(), app, session, 500);
    store().writeSessionEvents(List.of(v1, resource)).toCompletableFuture().get();
    store().writeSessionEvents(List.of(v3)).toCompletableFuture().get();
    store().writeSessionEvents(List.of(v2)).toCompletableFuture().get();

    List<RumEvent> read = store().readSession(app, session).toCompletableFuture().get();
    assertThat(read).containsExactly(resource, v3);
  }

  @Test
  void unknownSession_readsEmpty() throws Exception {
    assertThat(store().readSession("no-app", "no-session").toCompletableFuture().get()).isEmpty();
  }
}
