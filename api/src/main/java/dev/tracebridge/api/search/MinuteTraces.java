package dev.tracebridge.api.search;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.model.TraceId;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The traces that started in one minute, for the metric rollup pass: it needs every trace of the minute,
 * not a search's first page. A listing holds at least every trace whose earliest span or browser request
 * started in the minute (within its bound), and may hold traces that started earlier and continued in
 * it: the reader checks each trace's start.
 */
public interface MinuteTraces {

  /**
   * Lists the minute's traces, newest first, at most {@code maxTraces}.
   *
   * @param epochMinute minutes since the unix epoch
   */
  CompletionStage<Listing> startedIn(long epochMinute, int maxTraces);

  /** The trace ids found; {@code complete} is false when the minute held more than were asked for. */
  record Listing(List<TraceId> traceIds, boolean complete) {
    public Listing {
      requireNonNull(traceIds, "traceIds");
      traceIds = List.copyOf(traceIds);
    }
  }
}
