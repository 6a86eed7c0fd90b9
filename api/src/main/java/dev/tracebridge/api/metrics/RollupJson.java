package dev.tracebridge.api.metrics;

import dev.tracebridge.api.analysis.Millis;
import dev.tracebridge.core.search.LatencyHistogram;
import dev.tracebridge.core.search.MetricRollup;
import java.time.Instant;

/** One minute of one key in {@code GET /api/v1/metrics}; latencies in milliseconds. */
record RollupJson(
    String minute, long epochMinute, String app, String viewRoute, String url, String service, String operation,
    long count, long errors, Latency total, Latency network, Latency backend, boolean complete) {

  /** Percentiles of one latency; {@code count} is how many observations measured it. */
  record Latency(long count, double p50, double p75, double p95, double p99) {
    static Latency of(LatencyHistogram h) {
      return new Latency(h.count(), Millis.of(h.percentileNanos(0.5)), Millis.of(h.percentileNanos(0.75)),
          Millis.of(h.percentileNanos(0.95)), Millis.of(h.percentileNanos(0.99)));
    }
  }

  static RollupJson of(MetricRollup r) {
    return new RollupJson(Instant.ofEpochSecond(r.epochMinute() * 60).toString(), r.epochMinute(),
        r.key().appId(), r.key().viewRoute(), r.key().urlPattern(), r.key().service(), r.key().operation(),
        r.count(), r.errors(), Latency.of(r.total()), Latency.of(r.network()), Latency.of(r.backend()), r.complete());
  }
}
