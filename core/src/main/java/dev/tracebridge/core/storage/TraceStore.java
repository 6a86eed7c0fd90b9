package dev.tracebridge.core.storage;

import dev.tracebridge.core.model.TraceKey;
import dev.tracebridge.core.rum.RumEvent;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * The storage SPI. Writes complete only once the rows are durable by the store's own standard (for
 * Cassandra: acknowledged at the configured consistency); a failed stage means nothing may be
 * acknowledged to the client. Writes are idempotent: the same span or event written twice is one row.
 *
 * <p>Implementations bound their in-flight work and fail fast with
 * {@link dev.tracebridge.core.ingest.IngestRefusedException} rather than queue without limit.
 */
public interface TraceStore extends AutoCloseable {

  /** Writes spans and traced RUM resources into one trace partition. */
  CompletionStage<Void> write(TraceWrite write);

  /**
   * Writes the trace partitions of one export together. The stage completes when every write is durable
   * and fails if any one failed (the client retries the whole export; writes are idempotent). A store
   * may group what the writes share, such as index rows of the same time bucket, into fewer requests:
   * one OTLP export usually carries parts of dozens of traces.
   */
  default CompletionStage<Void> writeAll(List<TraceWrite> writes) {
    CompletableFuture<?>[] stages = new CompletableFuture<?>[writes.size()];
    for (int i = 0; i < stages.length; i++) {
      stages[i] = write(writes.get(i)).toCompletableFuture();
    }
    return CompletableFuture.allOf(stages);
  }

  /**
   * Writes RUM events into their session's timeline (every event type, traced or not). Events without a
   * session id are kept under the empty session of their app.
   */
  CompletionStage<Void> writeSessionEvents(List<RumEvent> events);

  /** Reads one trace partition; an unknown key gives empty records, never an error. */
  CompletionStage<TraceRecords> readTrace(TraceKey key);

  /**
   * Reads one trace partition as {@link #readTrace(TraceKey)}, decoding what it read on {@code decoding}
   * rather than on the thread that received it (for Cassandra, the driver's I/O thread, which every answer
   * of a connection passes through). A store that has nothing to decode reads as it always does.
   */
  default CompletionStage<TraceRecords> readTrace(TraceKey key, Executor decoding) {
    return readTrace(key);
  }

  /** Reads a session's events, oldest first; for a view, only its latest document version. */
  CompletionStage<List<RumEvent>> readSession(String appId, String sessionId);

  @Override
  void close();
}
