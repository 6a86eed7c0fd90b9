package dev.tracebridge.bench.correlator;

import dev.tracebridge.core.model.TraceKey;
import dev.tracebridge.core.rum.RumEvent;
import dev.tracebridge.core.storage.TraceRecords;
import dev.tracebridge.core.storage.TraceStore;
import dev.tracebridge.core.storage.TraceWrite;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Acknowledges every write at once and holds nothing: the correlator's own cost, without a store's. */
final class DiscardingTraceStore implements TraceStore {
  private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

  @Override
  public CompletionStage<Void> write(TraceWrite write) {
    return DONE;
  }

  @Override
  public CompletionStage<Void> writeSessionEvents(List<RumEvent> events) {
    return DONE;
  }

  @Override
  public CompletionStage<TraceRecords> readTrace(TraceKey key) {
    return CompletableFuture.completedFuture(TraceRecords.empty(key));
  }

  @Override
  public CompletionStage<List<RumEvent>> readSession(String appId, String sessionId) {
    return CompletableFuture.completedFuture(List.of());
  }

  @Override
  public void close() {}
}
