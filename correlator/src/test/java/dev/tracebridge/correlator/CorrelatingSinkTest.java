package dev.tracebridge.correlator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracebridge.core.health.InMemoryVerdictStore;
import dev.tracebridge.core.health.PendingCheck;
import dev.tracebridge.core.health.RootServerSpan;
import dev.tracebridge.core.ingest.IngestRefusedException;
import dev.tracebridge.core.join.JoinedTrace;
import dev.tracebridge.core.join.LinkMatch;
import dev.tracebridge.core.join.TraceLink;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.model.TraceKey;
import dev.tracebridge.core.rum.HeaderFormat;
import dev.tracebridge.core.rum.RumEvent;
import dev.tracebridge.core.rum.RumResource;
import dev.tracebridge.core.rum.Sampling;
import dev.tracebridge.core.storage.FailingTraceStore;
import dev.tracebridge.core.storage.InMemoryTraceStore;
import dev.tracebridge.core.storage.TestTelemetry;
import dev.tracebridge.core.storage.TraceRecords;
import dev.tracebridge.core.storage.TraceStore;
import dev.tracebridge.core.storage.TraceWrite;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class CorrelatingSinkTest {
  private final InMemoryTraceStore store = new InMemoryTraceStore();
  private final InMemoryVerdictStore verdicts = new InMemoryVerdictStore();
  private final TestClock clock = new TestClock(Instant.ofEpochSecond(1_700_000_000L));
  private final CorrelatingSink sink = new CorrelatingSink(store, verdicts, clock);
  private final JoinedTraceReader query = new JoinedTraceReader(store, verdicts, Runnable::run);

  @Test
  void browserFirstThenBackend_joinsWithExactLink() throws Exception {
    TraceId traceId = TestTelemetry.randomTraceId();
    SpanId browserSpan = TestTelemetry.randomSpanId();
    RumResource resource = TestTelemetry.fullResource(traceId, browserSpan);
    Span server = TestTelemetry.fullSpan(traceId, TestTelemetry.randomSpanId(), browserSpan);

    sink.acceptRum(List.of(resource)).toCompletableFuture().get();
    sink.acceptSpans(List.of(server)).toCompletableFuture().get();

    JoinedTrace joined = query.trace(traceId).toCompletableFuture().get().orElseThrow();
    assertThat(joined.links()).containsExactly(
        new TraceLink(resource.eventId(), browserSpan, server.spanId(), LinkMatch.EXACT));
  }

  @Test
  void exportOfSeveralTraces_isWrittenAsOneWriteAllOfOneWritePerTrace() throws Exception {
    List<List<TraceWrite>> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
    RecordingStore recording = new RecordingStore(new InMemoryTraceStore(), calls);
    CorrelatingSink recordingSink = new CorrelatingSink(recording, verdicts, clock);
    TraceId first = TestTelemetry.randomTraceId();
    TraceId second = TestTelemetry.randomTraceId();
    List<Span> spans = List.of(
        TestTelemetry.fullSpan(first, TestTelemetry.randomSpanId(), null),
        TestTelemetry.fullSpan(second, TestTelemetry.randomSpanId(), null),
        TestTelemetry.fullSpan(first, TestTelemetry.randomSpanId(), null));

    recordingSink.acceptSpans(spans).toCompletableFuture().get();

    assertThat(calls).singleElement().satisfies(writes -> {
      assertThat(writes).extracting(TraceWrite::key).containsExactly(first.key(), second.key());
      assertThat(writes.get(0).spans()).containsExactly(spans.get(0), spans.get(2));
    });
    assertThat(recording.readTrace(first.key()).toCompletableFuture().get().spans()).hasSize(2);
  }

  @Test
  void backendFirstThenBrowser_joinsTheSame() throws Exception {
    TraceId traceId = TestTelemetry.randomTraceId();
    SpanId browserSpan = TestTelemetry.randomSpanId();
    Span server = TestTelemetry.fullSpan(traceId, TestTelemetry.randomSpanId(), browserSpan);
    RumResource resource = TestTelemetry.fullResource(traceId, browserSpan);

    sink.acceptSpans(List.of(server)).toCompletableFuture().get();
    sink.acceptRum(List.of(resource)).toCompletableFuture().get();

    assertThat(query.trace(traceId).toCompletableFuture().get().orElseThrow().links()).hasSize(1);
  }

  @Test
  void sixtyFourBitBrowserId_joinsFullBackendIdOnLow64Bits() throws Exception {
    TraceId full = TestTelemetry.randomTraceId();
    TraceId browserId = TraceId.of(0, full.low());
    SpanId browserSpan = TestTelemetry.randomSpanId();
    sink.acceptRum(List.of(TestTelemetry.fullResource(browserId, browserSpan))).toCompletableFuture().get();
    Span server = TestTelemetry.fullSpan(full, TestTelemetry.randomSpanId(), browserSpan);
    sink.acceptSpans(List.of(server)).toCompletableFuture().get();

    JoinedTrace byBrowserId = query.trace(browserId).toCompletableFuture().get().orElseThrow();
    assertThat(byBrowserId.traceId()).isEqualTo(full);
    assertThat(byBrowserId.links()).singleElement()
        .extracting(TraceLink::match).isEqualTo(LinkMatch.LOW_64_BITS);
    assertThat(query.trace(full).toCompletableFuture().get().orElseThrow().resources()).hasSize(1);
  }

  @Test
  void resourceAndViews_allReachTheSessionTimeline() throws Exception {
    RumResource resource = TestTelemetry.fullResource(TestTelemetry.randomTraceId(),
        TestTelemetry.randomSpanId(), "shop-web", "s-timeline", 2_000);
    var view = TestTelemetry.view("shop-web", "s-timeline", "v-1", 1_000, 1);
    sink.acceptRum(List.of(resource, view)).toCompletableFuture().get();

    assertThat(store.readSession("shop-web", "s-timeline").toCompletableFuture().get())
        .containsExactly(view, resource);
  }

  @Test
  void spanWithUnknownParent_isAnnotatedNotDropped() throws Exception {
    TraceId traceId = TestTelemetry.randomTraceId();
    Span orphan = TestTelemetry.fullSpan(traceId, TestTelemetry.randomSpanId(), TestTelemetry.randomSpanId());
    sink.acceptSpans(List.of(orphan)).toCompletableFuture().get();

    JoinedTrace joined = query.trace(traceId).toCompletableFuture().get().orElseThrow();
    assertThat(joined.spans()).containsExactly(orphan);
    assertThat(joined.warnings()).singleElement().asString().contains("not in the trace");
  }

  @Test
  void unknownTrace_readsEmpty() throws Exception {
    assertThat(query.trace(TestTelemetry.randomTraceId()).toCompletableFuture().get()).isEmpty();
  }

  @Test
  void storeRefusal_reachesTheReceiverUnchanged() {
    IngestRefusedException overloaded = new IngestRefusedException(
        IngestRefusedException.Reason.OVERLOADED, Duration.ofSeconds(1), "too many writes in flight");
    CorrelatingSink refusing = new CorrelatingSink(new FailingTraceStore(overloaded), verdicts, clock);
    Span span = TestTelemetry.fullSpan(TestTelemetry.randomTraceId(), TestTelemetry.randomSpanId(), null);

    assertThatThrownBy(() -> refusing.acceptSpans(List.of(span)).toCompletableFuture().get())
        .isInstanceOf(ExecutionException.class).cause().isSameAs(overloaded);
  }

  @Test
  void unclassifiedStoreFailure_becomesRetryableStorageUnavailable() {
    CorrelatingSink failing =
        new CorrelatingSink(new FailingTraceStore(new IllegalStateException("disk on fire")), verdicts, clock);
    RumEvent resource = TestTelemetry.fullResource(TestTelemetry.randomTraceId(), TestTelemetry.randomSpanId());

    assertThatThrownBy(() -> failing.acceptRum(List.of(resource)).toCompletableFuture().get())
        .cause().isInstanceOfSatisfying(IngestRefusedException.class, refused -> {
          assertThat(refused.reason()).isEqualTo(IngestRefusedException.Reason.STORAGE_UNAVAILABLE);
          assertThat(refused.getMessage()).contains("disk on fire");
        });
  }

  @Test
  void tracedResource_leavesAPendingCheckInItsArrivalMinute() throws Exception {
    TraceId traceId = TestTelemetry.randomTraceId();
    RumResource resource = TestTelemetry.fullResource(traceId, TestTelemetry.randomSpanId());
    sink.acceptRum(List.of(resource)).toCompletableFuture().get();

    long bucket = PendingCheck.bucketOf(clock.instant().getEpochSecond() * 1_000_000_000L);
    assertThat(verdicts.pendingChecks(bucket).toCompletableFuture().get()).containsExactly(
        new PendingCheck("shop-web", resource.eventId(), traceId.key(),
            clock.instant().getEpochSecond() * 1_000_000_000L));
  }

  @Test
  void resourceWithOnlyResponseIds_orNone_getsNoCheck() throws Exception {
    RumResource document = Requests.request().eventId("doc-1")
        .context(HeaderFormat.RESPONSE, TestTelemetry.randomTraceId(), TestTelemetry.randomSpanId(), Sampling.SAMPLED)
        .build();
    RumResource untraced = Requests.request().eventId("img-1").build();
    sink.acceptRum(List.of(document, untraced)).toCompletableFuture().get();

    long bucket = PendingCheck.bucketOf(clock.instant().getEpochSecond() * 1_000_000_000L);
    assertThat(verdicts.pendingChecks(bucket).toCompletableFuture().get()).isEmpty();
  }

  @Test
  void parentlessHttpServerSpan_isIndexedForFallbackJoins_childSpansAreNot() throws Exception {
    TraceId traceId = TestTelemetry.randomTraceId();
    Span root = Spans.server(traceId, TestTelemetry.randomSpanId(), null, "checkout", 1_000, 2_000).build();
    Span child = Spans.server(traceId, TestTelemetry.randomSpanId(), root.spanId(), "checkout", 1_100, 1_900).build();
    sink.acceptSpans(List.of(root, child)).toCompletableFuture().get();

    assertThat(verdicts.rootSpans("GET", "/cart/{id}", 0, 10_000, 10).toCompletableFuture().get())
        .extracting(RootServerSpan::spanId).containsExactly(root.spanId());
  }

  @Test
  void verdictStoreRefusal_failsTheIngest_soTheClientRetries() {
    IngestRefusedException overloaded = new IngestRefusedException(
        IngestRefusedException.Reason.OVERLOADED, Duration.ofSeconds(1), "verdict store full");
    CorrelatingSink refusing = new CorrelatingSink(store, new RefusingVerdictStore(overloaded), clock);
    RumEvent resource = TestTelemetry.fullResource(TestTelemetry.randomTraceId(), TestTelemetry.randomSpanId());

    assertThatThrownBy(() -> refusing.acceptRum(List.of(resource)).toCompletableFuture().get())
        .cause().isSameAs(overloaded);
  }

  /** Refuses the writes the sink makes; everything else behaves as the in-memory store. */
  private static final class RefusingVerdictStore extends ForwardingVerdictStore {
    private final RuntimeException failure;

    RefusingVerdictStore(RuntimeException failure) {
      super(new InMemoryVerdictStore());
      this.failure = failure;
    }

    @Override
    public CompletionStage<Void> schedule(List<PendingCheck> checks) {
      return CompletableFuture.failedFuture(failure);
    }

    @Override
    public CompletionStage<Void> indexRootSpans(List<RootServerSpan> spans) {
      return CompletableFuture.failedFuture(failure);
    }
  }

  /** Records every writeAll call, then stores through the delegate. */
  private record RecordingStore(TraceStore delegate, List<List<TraceWrite>> calls) implements TraceStore {
    @Override
    public CompletionStage<Void> write(TraceWrite write) {
      return delegate.write(write);
    }

    @Override
    public CompletionStage<Void> writeAll(List<TraceWrite> writes) {
      calls.add(writes);
      return delegate.writeAll(writes);
    }

    @Override
    public CompletionStage<Void> writeSessionEvents(List<RumEvent> events) {
      return delegate.writeSessionEvents(events);
    }

    @Override
    public CompletionStage<TraceRecords> readTrace(TraceKey key) {
      return delegate.readTrace(key);
    }

    @Override
    public CompletionStage<List<RumEvent>> readSession(String appId, String sessionId) {
      return delegate.readSession(appId, sessionId);
    }

    @Override
    public void close() {}
  }
}
