package dev.tracebridge.correlator;

import dev.tracebridge.core.model.TraceKey;
import dev.tracebridge.core.rum.RumEvent;
import dev.tracebridge.core.storage.TraceRecords;
import dev.tracebridge.core.storage.TraceStore;
import dev.tracebridge.core.storage.TraceWrite;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A store whose reads complete on a thread of their own, as Cassandra's answers arrive on the driver's I/O
 * thread, and which notes the threads its reads were decoded on.
 */
public final class IoThreadTraceStore implements TraceStore {
  public static final String IO_THREAD = "store-io";

  private final TraceStore stored;
  private final ExecutorService io = Executors.newSingleThreadExecutor(r -> new Thread(r, IO_THREAD));
  public final Set<String> decodingThreads = ConcurrentHashMap.newKeySet();

  public IoThreadTraceStore(TraceStore stored) {
    this.stored = stored;
  }

  @Override
  public CompletionStage<Void> write(TraceWrite write) {
    return stored.write(write);
  }

  @Override
  public CompletionStage<Void> writeSessionEvents(List<RumEvent> events) {
    return stored.writeSessionEvents(events);
  }

  @Override
  public CompletionStage<TraceRecords> readTrace(TraceKey key) {
    return readTrace(key, Runnable::run);
  }

  @Override
  public CompletionStage<TraceRecords> readTrace(TraceKey key, Executor decoding) {
    return CompletableFuture.runAsync(() -> { }, io).thenApplyAsync(received -> {
      decodingThreads.add(Thread.currentThread().getName());
      return stored.readTrace(key).toCompletableFuture().join();
    }, decoding);
  }

  @Override
  public CompletionStage<List<RumEvent>> readSession(String appId, String sessionId) {
    return stored.readSession(appId, sessionId);
  }

  @Override
  public void close() {
    io.shutdownNow();
  }
}
