package dev.tracebridge.bench.load;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.tracebridge.core.model.TraceId;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts what Cassandra really holds for every acknowledged trace: one single-partition read per trace
 * (the engine's own trace-by-id query), counting distinct spans and RUM resources, in v1 rows (one record
 * each) and in v3 chunk rows (many each; a retried export may repeat a span in a second chunk). Reads through CQL
 * rather than the HTTP API so that a 100,000-trace step verifies in seconds; the API is exercised by
 * {@link QueryableLatency}.
 */
final class StoredTraceVerifier {
  /**
   * Row kinds of trace_rows (trace-store's Schema): 0 a backend span, 1 a RUM resource, 2 a chunk of
   * spans, 3 a chunk of resources.
   */
  private static final byte SPAN_ROW = 0;
  private static final byte RESOURCE_ROW = 1;
  private static final byte SPAN_CHUNK = 2;
  private static final byte RESOURCE_CHUNK = 3;
  /** Reads in flight at once: enough to keep one node busy without timing reads out. */
  private static final int IN_FLIGHT = 64;

  private final CqlSession session;
  private final PreparedStatement rowKinds;

  StoredTraceVerifier(CqlSession session, String keyspace) {
    this.session = session;
    this.rowKinds = session.prepare("SELECT row_kind, row_id, payload FROM " + keyspace + ".trace_rows WHERE trace_key = ?");
  }

  /** Spans and resources found for the given traces, and traces whose read failed. */
  Found count(List<long[]> traceIds) throws InterruptedException {
    Semaphore permits = new Semaphore(IN_FLIGHT);
    AtomicLong spans = new AtomicLong();
    AtomicLong resources = new AtomicLong();
    AtomicLong failedReads = new AtomicLong();
    for (long[] id : traceIds) {
      permits.acquire();
      long key = TraceId.of(id[0], id[1]).key().value();
      Set<Object> spanIds = new HashSet<>();
      Set<Object> eventIds = new HashSet<>();
      session.executeAsync(rowKinds.bind(key)).thenCompose(page -> countPages(page, spanIds, eventIds))
          .whenComplete((done, failure) -> {
            if (failure != null) {
              failedReads.incrementAndGet();
            } else {
              spans.addAndGet(spanIds.size());
              resources.addAndGet(eventIds.size());
            }
            permits.release();
          });
    }
    permits.acquire(IN_FLIGHT);
    return new Found(spans.get(), resources.get(), failedReads.get());
  }

  private static CompletionStage<Void> countPages(AsyncResultSet page, Set<Object> spanIds, Set<Object> eventIds) {
    for (Row row : page.currentPage()) {
      byte kind = row.getByte(0);
      ByteBuffer rowId = row.getByteBuffer(1);
      ByteBuffer payload = row.getByteBuffer(2);
      if (kind == SPAN_ROW && rowId != null) spanIds.add(rowId);
      if (kind == RESOURCE_ROW && rowId != null) eventIds.add(rowId);
      if (kind == SPAN_CHUNK && payload != null) ChunkRecordIds.spanIds(payload, spanIds);
      if (kind == RESOURCE_CHUNK && payload != null) ChunkRecordIds.eventIds(payload, eventIds);
    }
    if (!page.hasMorePages()) return java.util.concurrent.CompletableFuture.completedFuture(null);
    return page.fetchNextPage().thenCompose(next -> countPages(next, spanIds, eventIds));
  }

  record Found(long spans, long resources, long failedReads) {}
}
