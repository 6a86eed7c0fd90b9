package dev.tracebridge.bench.load;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.tracebridge.core.model.TraceId;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts what Cassandra really holds for every acknowledged trace: one single-partition read per trace
 * (the engine's own trace-by-id query), counting span rows and RUM resource rows. Reads through CQL
 * rather than the HTTP API so that a 100,000-trace step verifies in seconds; the API is exercised by
 * {@link QueryableLatency}.
 */
final class StoredTraceVerifier {
  /** Row kinds of trace_rows (trace-store's Schema): 0 a backend span, 1 a RUM resource. */
  private static final byte SPAN_ROW = 0;
  private static final byte RESOURCE_ROW = 1;
  /** Reads in flight at once: enough to keep one node busy without timing reads out. */
  private static final int IN_FLIGHT = 64;

  private final CqlSession session;
  private final PreparedStatement rowKinds;

  StoredTraceVerifier(CqlSession session, String keyspace) {
    this.session = session;
    this.rowKinds = session.prepare("SELECT row_kind FROM " + keyspace + ".trace_rows WHERE trace_key = ?");
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
      session.executeAsync(rowKinds.bind(key)).thenCompose(page -> countPages(page, spans, resources))
          .whenComplete((done, failure) -> {
            if (failure != null) failedReads.incrementAndGet();
            permits.release();
          });
    }
    permits.acquire(IN_FLIGHT);
    return new Found(spans.get(), resources.get(), failedReads.get());
  }

  private static CompletionStage<Void> countPages(AsyncResultSet page, AtomicLong spans, AtomicLong resources) {
    for (Row row : page.currentPage()) {
      byte kind = row.getByte(0);
      if (kind == SPAN_ROW) spans.incrementAndGet();
      if (kind == RESOURCE_ROW) resources.incrementAndGet();
    }
    if (!page.hasMorePages()) return java.util.concurrent.CompletableFuture.completedFuture(null);
    return page.fetchNextPage().thenCompose(next -> countPages(next, spans, resources));
  }

  record Found(long spans, long resources, long failedReads) {}
}
