package dev.tracebridge.core.health;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.model.TraceId;
import java.util.List;

/**
 * How many resources of one app, URL pattern and header-format combination ended in one verdict during
 * one hour, with a few trace ids to open.
 *
 * @param hourBucket hours since the epoch of the resources' start ({@link Verdict#reportBucket})
 */
public record HealthCount(
    String appId,
    long hourBucket,
    String urlPattern,
    String headerFormats,
    PropagationVerdict verdict,
    long count,
    List<TraceId> exampleTraceIds) {

  /** Enough to open a few traces of a broken endpoint, few enough to keep the report small. */
  public static final int MAX_EXAMPLES = 3;

  public HealthCount {
    requireNonNull(appId, "appId");
    requireNonNull(urlPattern, "urlPattern");
    requireNonNull(headerFormats, "headerFormats");
    requireNonNull(verdict, "verdict");
    exampleTraceIds = List.copyOf(exampleTraceIds);
    if (count < 1) throw new IllegalArgumentException("count: " + count + " (expected: > 0)");
  }
}
