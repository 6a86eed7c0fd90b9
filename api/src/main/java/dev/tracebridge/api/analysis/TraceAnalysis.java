package dev.tracebridge.api.analysis;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.model.TraceId;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The root cause of one trace: where its time went and where its error started.
 *
 * @param totalNanos the front-to-back time: the root's length, which the critical path covers exactly
 * @param criticalPath the path's steps in time order
 * @param selfTimeOnPath each service's own time on the path (backend services, and the browser)
 * @param split the latency split, largest part first
 * @param skewCorrections the measured clock offsets applied to put both sides on one axis
 * @param warnings what was repaired or clipped on the way, for a reader to weigh the result
 */
public record TraceAnalysis(
    TraceId traceId,
    String rootName,
    long startEpochNanos,
    long totalNanos,
    List<Step> criticalPath,
    Map<String, Long> selfTimeOnPath,
    List<Part> split,
    @Nullable ErrorOrigin errorOrigin,
    List<SkewCorrection> skewCorrections,
    List<String> warnings,
    String summary) {

  public TraceAnalysis {
    requireNonNull(traceId, "traceId");
    criticalPath = List.copyOf(criticalPath);
    selfTimeOnPath = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(selfTimeOnPath));
    split = List.copyOf(split);
    skewCorrections = List.copyOf(skewCorrections);
    warnings = List.copyOf(warnings);
  }

  /**
   * One stretch of the critical path.
   *
   * @param kind {@code phase} (a browser phase), {@code request} (a browser request's own time),
   *     {@code span}, or {@code trace} (time between unconnected roots)
   * @param id the span id, the resource's event id, or the trace id
   * @param resourceEventId the browser request this stretch belongs to, when it is browser-side
   */
  public record Step(
      String kind, Category category, String service, String name, String id,
      @Nullable String resourceEventId, long startEpochNanos, long durationNanos) {}

  /** One part of the latency split; {@code name} is the service for backend time. */
  public record Part(Category category, String name, long nanos) {}

  /** A clock offset applied between the browser and a service. */
  public record SkewCorrection(String from, String to, long offsetNanos) {}
}
