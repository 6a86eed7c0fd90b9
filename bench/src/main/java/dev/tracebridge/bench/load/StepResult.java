package dev.tracebridge.bench.load;

import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One rate held for a while, measured: what was sent, acknowledged, refused and found stored, and what it
 * cost the engine and Cassandra.
 *
 * @param durableSpans span rows found in Cassandra for the acknowledged traces
 * @param durableResources RUM resource rows found for the traces whose RUM batch was acknowledged
 * @param engineCpuSeconds the engine JVM's user + system CPU over the sending period
 * @param cassandraCpuSeconds the Cassandra child JVM's, likewise
 * @param mutations mutations Cassandra applied to the keyspace over the step
 * @param queryable sent→readable and acked→readable latencies of sampled traces (API reads)
 */
record StepResult(OpenLoopGenerator.StepLoad load, long durableSpans, long durableResources, long failedReads,
    double engineCpuSeconds, double cassandraCpuSeconds, long mutations, long mutationTasks,
    QueryableLatency.Snapshot queryable) {
  /** Below this share of the target rate acknowledged, the rate is not sustained. */
  static final double MIN_ACKED_SHARE = 0.99;
  /** More refused exports than this share means the engine is shedding load. */
  static final double MAX_REFUSED_SHARE = 0.01;
  /** An export answered later than this is, to an SDK, a queue that backs up. */
  static final long MAX_P99_EXPORT_MICROS = 1_000_000;
  private static final double TEN_THOUSAND = 10_000;

  double ackedSpansPerSecond() {
    return load.ackedSpans() / load.sendSeconds();
  }

  double durableSpansPerSecond() {
    return durableSpans / load.sendSeconds();
  }

  long refusedExports() {
    return load.statuses().entrySet().stream().filter(e -> !e.getKey().equals("OK"))
        .mapToLong(Map.Entry::getValue).sum();
  }

  /** Every acknowledged span (and resource) read back: nothing acknowledged was lost. */
  boolean nothingLost() {
    return durableSpans == load.ackedSpans() && durableResources == load.ackedResources() && failedReads == 0;
  }

  boolean sustained() {
    Histogram latency = load.exportLatencyMicros();
    return nothingLost() && load.skipped() == 0
        && ackedSpansPerSecond() >= MIN_ACKED_SHARE * load.targetSpansPerSecond()
        && refusedExports() <= MAX_REFUSED_SHARE * load.exportsScheduled()
        && latency.getValueAtPercentile(99) <= MAX_P99_EXPORT_MICROS;
  }

  double engineCpuPer10kSpans() {
    return load.ackedSpans() == 0 ? Double.NaN : engineCpuSeconds * TEN_THOUSAND / load.ackedSpans();
  }

  double cassandraCpuPer10kSpans() {
    return load.ackedSpans() == 0 ? Double.NaN : cassandraCpuSeconds * TEN_THOUSAND / load.ackedSpans();
  }

  double mutationsPerSpan() {
    return load.ackedSpans() == 0 ? Double.NaN : (double) mutations / load.ackedSpans();
  }
}
