package dev.tracebridge.core.storage;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.model.TraceKey;
import dev.tracebridge.core.rum.RumEvent;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A store every call of which fails with {@code failure}, as a store whose node is down or overloaded
 * does: for tests of what callers make of the failure. In the test-jar, shared by the modules' tests.
 */
public record FailingTraceStore(RuntimeException failure) implements TraceStore {
  public FailingTraceStore {
    requireNonNull(failure, "failure");
  }

  @Override
  public CompletionStage<Void> write(TraceWrite write) {
    return CompletableFuture.failedFuture(failure);
  }

  @Override
  public CompletionStage<Void> writeSessionEvents(List<RumEvent> events) {
    return CompletableFuture.failedFuture(failure);
  }

  @Override
  public CompletionStage<TraceRecords> readTrace(TraceKey key) {
    return CompletableFuture.failedFuture(failure);
  }

  @Override
  public CompletionStage<List<RumEvent>> readSession(String appId, String sessionId) {
    return CompletableFuture.failedFuture(failure);
  }

  @Override
  public void close() {}
}
