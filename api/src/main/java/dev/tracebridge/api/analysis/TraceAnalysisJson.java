package dev.tracebridge.api.analysis;

import dev.tracebridge.core.rum.RumResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * The JSON of {@code GET /api/v1/traces/{id}/analysis} (docs/api.md). Durations are milliseconds with
 * microsecond precision, percentages of the front-to-back total; times are unix epoch nanoseconds.
 */
public record TraceAnalysisJson(
    String traceId,
    String summary,
    String rootName,
    long startEpochNanos,
    double totalMs,
    List<StepJson> criticalPath,
    List<ShareJson> selfTimeOnPath,
    List<SplitJson> latencySplit,
    @Nullable ErrorOrigin errorOrigin,
    ClockSkewJson clockSkew,
    List<PhaseJson> browserPhases,
    List<String> warnings) {

  public static TraceAnalysisJson of(TraceAnalysis a, List<RumResource> resources) {
    long total = a.totalNanos();
    List<StepJson> steps = new ArrayList<>(a.criticalPath().size());
    for (TraceAnalysis.Step s : a.criticalPath()) {
      steps.add(new StepJson(s.kind(), s.category().wireName(), s.service(), s.name(), s.id(),
          s.resourceEventId(), s.startEpochNanos(), Millis.of(s.startEpochNanos() - a.startEpochNanos()),
          Millis.of(s.durationNanos()), Millis.percent(s.durationNanos(), total)));
    }
    List<ShareJson> self = new ArrayList<>();
    for (Map.Entry<String, Long> e : a.selfTimeOnPath().entrySet()) {
      self.add(new ShareJson(e.getKey(), Millis.of(e.getValue()), Millis.percent(e.getValue(), total)));
    }
    self.sort((x, y) -> Double.compare(y.ms(), x.ms()));
    List<SplitJson> split = a.split().stream().map(p -> new SplitJson(p.category().wireName(), p.name(),
        Millis.of(p.nanos()), Millis.percent(p.nanos(), total))).toList();
    List<SkewJson> corrections = a.skewCorrections().stream()
        .map(c -> new SkewJson(c.from(), c.to(), Millis.of(c.offsetNanos()))).toList();
    String note = corrections.isEmpty() ? TraceAnalyzer.NO_SKEW_MEASURED : "offsets applied as listed";
    List<PhaseJson> phases = new ArrayList<>();
    for (RumResource resource : resources) {
      for (BrowserTimeline.Phase p : BrowserTimeline.phases(resource)) {
        phases.add(new PhaseJson(resource.eventId(), p.name(), p.category(), resource.epochNanos() + p.fromNanos(),
            Millis.of(p.toNanos() - p.fromNanos())));
      }
    }
    return new TraceAnalysisJson(a.traceId().toHex(), a.summary(), a.rootName(), a.startEpochNanos(),
        Millis.of(total), steps, self, split, a.errorOrigin(), new ClockSkewJson(corrections, note), phases,
        a.warnings());
  }

  /** A browser request's phase, as the analysis cut it (all requests, on the path or not). */
  public record PhaseJson(String resourceEventId, String name, String category, long startEpochNanos,
      double durationMs) {}

  /** A step of the critical path; {@code offsetMs} is from the trace's start. */
  @JsonSerialize(using = StepJsonSerializer.class)
  public record StepJson(String kind, String category, String service, String name, String id,
      @Nullable String resourceEventId, long startEpochNanos, double offsetMs, double durationMs,
      double percent) {}

  public record ShareJson(String service, double ms, double percent) {}

  /** A part of the latency split: {@code name} is the service for {@code backend} parts. */
  public record SplitJson(String category, String name, double ms, double percent) {}

  public record SkewJson(String from, String to, double offsetMs) {}

  public record ClockSkewJson(List<SkewJson> corrections, String note) {}
}
