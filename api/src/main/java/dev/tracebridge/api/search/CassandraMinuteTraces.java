package dev.tracebridge.api.search;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.store.cassandra.CassandraTraceStore;
import java.util.concurrent.CompletionStage;

/** {@link MinuteTraces} from the Cassandra store's traces_by_minute index: one read per shard of the minute. */
public final class CassandraMinuteTraces implements MinuteTraces {
  private final CassandraTraceStore store;

  public CassandraMinuteTraces(CassandraTraceStore store) {
    this.store = requireNonNull(store, "store");
  }

  @Override
  public CompletionStage<Listing> startedIn(long epochMinute, int maxTraces) {
    return store.tracesStartedIn(epochMinute, maxTraces)
        .thenApply(started -> new Listing(started.traceIds(), started.complete()));
  }
}
