package dev.tracebridge.core.search;

import static java.util.Objects.requireNonNull;

/**
 * One minute of requests of one {@link RollupKey}: how many, how many failed, and the distributions of
 * their front-to-back total, network and backend time.
 *
 * @param epochMinute minutes since the unix epoch of the minute the requests started in
 * @param complete false when the minute had more traces than one rollup pass reads, so the counts are
 *     a lower bound
 */
public record MetricRollup(
    RollupKey key,
    long epochMinute,
    long count,
    long errors,
    LatencyHistogram total,
    LatencyHistogram network,
    LatencyHistogram backend,
    boolean complete) {

  public MetricRollup {
    requireNonNull(key, "key");
    requireNonNull(total, "total");
    requireNonNull(network, "network");
    requireNonNull(backend, "backend");
    if (count < 0 || errors < 0 || errors > count) {
      throw new IllegalArgumentException("count/errors: " + count + "/" + errors
          + " (expected: 0 <= errors <= count)");
    }
  }

  /** The sum of two rollups of the same key (minutes, or nodes); the earlier minute is kept. */
  public MetricRollup plus(MetricRollup other) {
    requireNonNull(other, "other");
    return new MetricRollup(key, Math.min(epochMinute, other.epochMinute), count + other.count,
        errors + other.errors, total.merge(other.total), network.merge(other.network),
        backend.merge(other.backend), complete && other.complete);
  }
}
