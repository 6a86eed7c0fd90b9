package dev.tracebridge.store.cassandra;

import dev.tracebridge.core.model.TraceId;
import java.util.List;

/**
 * The traces that had a write start in one minute, newest first: every trace whose earliest row started
 * in the minute is among them, and so may be traces that started earlier and got more rows in it (a
 * reader that needs only the former checks each trace's start). {@code complete} is false when the
 * minute held more traces than were asked for, and only the newest were listed.
 */
public record StartedTraces(List<TraceId> traceIds, boolean complete) {

  public StartedTraces {
    traceIds = List.copyOf(traceIds);
  }
}
