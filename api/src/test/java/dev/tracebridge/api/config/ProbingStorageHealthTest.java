package dev.tracebridge.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.core.model.TraceKey;
import dev.tracebridge.core.rum.RumEvent;
import dev.tracebridge.core.storage.TraceRecords;
import dev.tracebridge.core.storage.TraceStore;
import dev.tracebridge.core.storage.TraceWrite;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProbingStorageHealthTest {
  private final AtomicLong now = new AtomicLong();

  @Test
  void storeAnswers_isUp() {
    assertThat(health(new ProbeStore(CompletableFuture.completedFuture(null)), true).isUp()).isTrue();
  }

  @Test
  void driverSeesNoNode_isDown() {
    assertThat(health(new ProbeStore(CompletableFuture.completedFuture(null)), false).isUp()).isFalse();
  }

  @Test
  void storeFails_isDown() {
    var failing = new ProbeStore(CompletableFuture.failedFuture(new IllegalStateException("no node")));
    assertThat(health(failing, true).isUp()).isFalse();
  }

  @Test
  void frozenNodeThatNeverAnswers_isDownAfterTheProbeTimeout() {
    assertThat(health(new ProbeStore(new CompletableFuture<>()), true).isUp()).isFalse();
  }

  @Test
  void verdict_isCachedBrieflyThenProbedAgain() {
    ProbeStore store = new ProbeStore(CompletableFuture.completedFuture(null));
    ProbingStorageHealth health = health(store, true);
    health.isUp();
    health.isUp();
    assertThat(store.reads.get()).isEqualTo(1);

    now.addAndGet(ProbingStorageHealth.CACHE_FOR.toNanos());
    health.isUp();
    assertThat(store.reads.get()).isEqualTo(2);
  }

  private ProbingStorageHealth health(TraceStore store, boolean driverSaysUp) {
    return new ProbingStorageHealth(store, () -> driverSaysUp, now::get);
  }

  private static final class ProbeStore implements TraceStore {
    final AtomicInteger reads = new AtomicInteger();
    private final CompletableFuture<Void> answer;

    ProbeStore(CompletableFuture<Void> answer) {
      this.answer = answer;
    }

    @Override
    public CompletionStage<TraceRecords> readTrace(TraceKey key) {
      reads.incrementAndGet();
      return answer.thenApply(ignored -> TraceRecords.empty(key));
    }

    @Override
    public CompletionStage<Void> write(TraceWrite write) {
      throw new UnsupportedOperationException("readiness only reads");
    }

    @Override
    public CompletionStage<Void> writeSessionEvents(List<RumEvent> events) {
      throw new UnsupportedOperationException("readiness only reads");
    }

    @Override
    public CompletionStage<List<RumEvent>> readSession(String appId, String sessionId) {
      throw new UnsupportedOperationException("readiness only reads");
    }

    @Override
    public void close() {}
  }
}
