package dev.tracebridge.correlator;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.join.JoinedTrace;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.storage.TraceStore;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Reads a trace's partition and joins it; an id nothing was stored under reads as empty. */
public final class JoinedTraceReader {
  private final TraceStore store;
  private final TraceJoiner joiner = new TraceJoiner();

  public JoinedTraceReader(TraceStore store) {
    this.store = requireNonNull(store, "store");
  }

  public CompletionStage<Optional<JoinedTrace>> trace(TraceId id) {
    requireNonNull(id, "id");
    return store.readTrace(id.key()).thenApply(records -> {
      JoinedTrace joined = joiner.join(id, records);
      return joined.isEmpty() ? Optional.empty() : Optional.of(joined);
    });
  }
}
