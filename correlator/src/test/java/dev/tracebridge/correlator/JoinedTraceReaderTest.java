package dev.tracebridge.correlator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.core.health.InMemoryVerdictStore;
import dev.tracebridge.core.join.JoinedTrace;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.rum.RumResource;
import dev.tracebridge.core.storage.InMemoryTraceStore;
import dev.tracebridge.core.storage.TestTelemetry;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JoinedTraceReaderTest {
  /** Fails a test that expected the join to stay on the calling thread. */
  private static final Executor NO_HAND_OFF = task -> {
    throw new AssertionError("the join was handed to the executor");
  };

  private final InMemoryTraceStore store = new InMemoryTraceStore();
  private final InMemoryVerdictStore verdicts = new InMemoryVerdictStore();
  private final CorrelatingSink sink =
      new CorrelatingSink(store, verdicts, new TestClock(Instant.ofEpochSecond(1_700_000_000L)));

  @Test
  void onCallingThread_joinsAsTheAsynchronousReadDoes() throws Exception {
    TraceId traceId = TestTelemetry.randomTraceId();
    SpanId browserSpan = TestTelemetry.randomSpanId();
    RumResource resource = TestTelemetry.fullResource(traceId, browserSpan);
    Span server = TestTelemetry.fullSpan(traceId, TestTelemetry.randomSpanId(), browserSpan);
    Span orphan = TestTelemetry.fullSpan(traceId, TestTelemetry.randomSpanId(), TestTelemetry.randomSpanId());
    sink.acceptRum(List.of(resource)).toCompletableFuture().get();
    sink.acceptSpans(List.of(server, orphan)).toCompletableFuture().get();

    JoinedTrace handedOff = new JoinedTraceReader(store, verdicts, Runnable::run).trace(traceId)
        .toCompletableFuture().get().orElseThrow();
    JoinedTrace onCaller = new JoinedTraceReader(store, verdicts, NO_HAND_OFF).traceOnCallingThread(traceId)
        .orElseThrow();

    assertThat(onCaller).isEqualTo(handedOff);
    assertThat(onCaller.links()).hasSize(1);
    assertThat(onCaller.spans()).hasSize(2);
    // The orphan is annotated; the session's clock samples (the second round of reads) were read too.
    assertThat(onCaller.warnings()).anySatisfy(w -> assertThat(w).contains("not in the trace"))
        .anySatisfy(w -> assertThat(w).contains("session '" + resource.context().sessionId() + "'"));
  }

  @Test
  void handedOffRead_isDecodedOnTheExecutor_notOnTheStoresIoThread() throws Exception {
    TraceId traceId = TestTelemetry.randomTraceId();
    SpanId browserSpan = TestTelemetry.randomSpanId();
    sink.acceptRum(List.of(TestTelemetry.fullResource(traceId, browserSpan))).toCompletableFuture().get();
    sink.acceptSpans(List.of(TestTelemetry.fullSpan(traceId, TestTelemetry.randomSpanId(), browserSpan)))
        .toCompletableFuture().get();
    ExecutorService join = Executors.newSingleThreadExecutor(r -> new Thread(r, "join"));
    try (IoThreadTraceStore io = new IoThreadTraceStore(store)) {
      JoinedTrace trace = new JoinedTraceReader(io, verdicts, join).trace(traceId).toCompletableFuture()
          .get(10, TimeUnit.SECONDS).orElseThrow();

      assertThat(trace.links()).hasSize(1);
      assertThat(io.decodingThreads).containsExactly("join");
    } finally {
      join.shutdownNow();
    }
  }

  @Test
  void unknownTrace_onCallingThread_isEmpty() {
    JoinedTraceReader reader = new JoinedTraceReader(store, verdicts, NO_HAND_OFF);

    assertThat(reader.traceOnCallingThread(TestTelemetry.randomTraceId())).isEmpty();
  }
}
