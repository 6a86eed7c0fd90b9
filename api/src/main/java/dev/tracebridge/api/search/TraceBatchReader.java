package dev.tracebridge.api.search;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.join.JoinedTrace;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.search.TraceSummary;
import dev.tracebridge.correlator.JoinedTraceReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Reads the joined traces behind search results, a few at a time so that one analysis or Jaeger search
 * never floods the store with reads. Traces that vanished between search and read (expired) are left
 * out, in the results' order otherwise.
 */
public final class TraceBatchReader {
  /** Reads in flight per request: enough to hide a read's latency, few enough to leave room for ingest. */
  static final int PARALLEL_READS = 16;

  private final JoinedTraceReader reader;

  public TraceBatchReader(JoinedTraceReader reader) {
    this.reader = requireNonNull(reader, "reader");
  }

  public CompletionStage<List<JoinedTrace>> read(List<TraceSummary> summaries) {
    requireNonNull(summaries, "summaries");
    return readIds(summaries.stream().map(TraceSummary::traceId).toList());
  }

  /** The joined traces of {@code ids}, in their order; ids nothing is stored under are left out. */
  public CompletionStage<List<JoinedTrace>> readIds(List<TraceId> ids) {
    requireNonNull(ids, "ids");
    List<JoinedTrace> out = new ArrayList<>(ids.size());
    return readFrom(ids, 0, out).thenApply(done -> out);
  }

  private CompletionStage<Void> readFrom(List<TraceId> ids, int from, List<JoinedTrace> out) {
    if (from >= ids.size()) return CompletableFuture.completedFuture(null);
    List<CompletableFuture<Optional<JoinedTrace>>> group = new ArrayList<>();
    for (TraceId id : ids.subList(from, Math.min(ids.size(), from + PARALLEL_READS))) {
      group.add(reader.trace(id).toCompletableFuture());
    }
    return CompletableFuture.allOf(group.toArray(CompletableFuture[]::new)).thenCompose(all -> {
      for (CompletableFuture<Optional<JoinedTrace>> read : group) read.join().ifPresent(out::add);
      return readFrom(ids, from + group.size(), out);
    });
  }
}
