package dev.tracebridge.api.search;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.join.JoinedTrace;
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
    List<JoinedTrace> out = new ArrayList<>(summaries.size());
    return readFrom(summaries, 0, out).thenApply(done -> out);
  }

  private CompletionStage<Void> readFrom(List<TraceSummary> summaries, int from, List<JoinedTrace> out) {
    if (from >= summaries.size()) return CompletableFuture.completedFuture(null);
    List<CompletableFuture<Optional<JoinedTrace>>> group = new ArrayList<>();
    for (TraceSummary summary : summaries.subList(from, Math.min(summaries.size(), from + PARALLEL_READS))) {
      group.add(reader.trace(summary.traceId()).toCompletableFuture());
    }
    return CompletableFuture.allOf(group.toArray(CompletableFuture[]::new)).thenCompose(all -> {
      for (CompletableFuture<Optional<JoinedTrace>> read : group) read.join().ifPresent(out::add);
      return readFrom(summaries, from + group.size(), out);
    });
  }
}
