package dev.tracebridge.core.search;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.model.TraceId;

/**
 * One trace a search found: enough to list it and to open it by id.
 *
 * @param traceId the trace's id, with all 128 bits when any row of it knew them
 * @param rootService the service of the trace's first root span; for a trace with no spans yet, the
 *     RUM app of its first browser request
 * @param rootName the name of that span, or the method and URL of that request
 * @param error whether a span had status ERROR or a browser request failed (no response, or 5xx)
 */
public record TraceSummary(
    TraceId traceId,
    long startEpochNanos,
    long durationNanos,
    String rootService,
    String rootName,
    int spanCount,
    int resourceCount,
    boolean error) {

  public TraceSummary {
    requireNonNull(traceId, "traceId");
    requireNonNull(rootService, "rootService");
    requireNonNull(rootName, "rootName");
  }
}
