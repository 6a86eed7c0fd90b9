package dev.tracebridge.api.analysis;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The root cause across the traces of a view, route or endpoint over a time range, and its change
 * against the period just before (docs/api.md, {@code GET /api/v1/analysis}). Durations in
 * milliseconds; percentages of the front-to-back total.
 */
public record TraceSetAnalysis(
    String target, long fromEpochNanos, long toEpochNanos, Period current, @Nullable Period previous,
    @Nullable Change change, String summary) {

  /**
   * One period's traces.
   *
   * @param traces how many traces were analysed
   * @param sampled true when more traces matched than one analysis reads, so these are the newest ones
   */
  public record Period(long fromEpochNanos, long toEpochNanos, int traces, boolean sampled, int errors,
      List<Percentile> percentiles, List<Contributor> p95Contributors, List<ErrorOriginCount> topErrorOrigins) {}

  /**
   * A latency percentile of the front-to-back total, by nearest rank, with the split of the trace at
   * that rank (its id given, to open it).
   */
  public record Percentile(String name, double ms, String exemplarTraceId, List<Part> split) {}

  public record Part(String category, String name, double ms, double percent) {}

  /**
   * What the slowest 5 % spent their time on: the mean time per trace of a service or phase on the
   * critical path, over the traces at or above the p95.
   */
  public record Contributor(String category, String name, double meanMs, double percent) {}

  public record ErrorOriginCount(String service, String name, String exceptionType, int traces,
      List<String> exampleTraceIds) {}

  /** Current minus previous; null percentages when the previous value was 0. */
  public record Change(double p50Ms, double p95Ms, double p99Ms, @Nullable Double p95Percent,
      List<ContributorChange> p95Contributors) {}

  public record ContributorChange(String category, String name, double previousMeanMs, double currentMeanMs,
      double deltaMs) {}
}
