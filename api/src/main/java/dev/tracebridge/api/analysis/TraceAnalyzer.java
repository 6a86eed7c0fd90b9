package dev.tracebridge.api.analysis;

import dev.tracebridge.core.join.JoinedTrace;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Analyses one joined trace: lays it out ({@link TimelineBuilder}), finds its critical path
 * ({@link CriticalPath}), splits its latency ({@link LatencySplit}) and finds its error origin
 * ({@link ErrorOrigin}). Pure and thread-safe; it never fails on odd data, it warns.
 */
public final class TraceAnalyzer {
  /** Said until the correlator measures offsets between browser and server clocks. */
  public static final String NO_SKEW_MEASURED = "no correction measured";

  public TraceAnalysis analyze(JoinedTrace trace) {
    Timeline timeline = TimelineBuilder.build(trace);
    TimelineNode root = timeline.root();
    List<CriticalPath.Segment> path = CriticalPath.of(root);
    List<TraceAnalysis.Step> steps = new ArrayList<>(path.size());
    for (CriticalPath.Segment segment : path) steps.add(step(segment));
    List<TraceAnalysis.Part> split = LatencySplit.of(path).stream()
        .map(p -> new TraceAnalysis.Part(p.category(), p.name(), p.nanos())).toList();
    Optional<ErrorOrigin> origin = ErrorOrigin.find(timeline);
    List<String> warnings = new ArrayList<>(trace.warnings());
    warnings.addAll(timeline.warnings());
    String rootName = rootName(root);
    long total = root.duration();
    return new TraceAnalysis(trace.traceId(), rootName, root.start, total, steps,
        LatencySplit.selfTimeByService(path), split, origin.orElse(null), skewCorrections(trace), warnings,
        AnalysisSummary.sentence(rootName, total, split, origin.orElse(null)));
  }

  private static TraceAnalysis.Step step(CriticalPath.Segment segment) {
    TimelineNode node = segment.node();
    String kind = node.kind == TimelineNode.Kind.RESOURCE ? "request" : node.kind.name().toLowerCase(Locale.ROOT);
    String resourceEventId = node.resource == null ? null : node.resource.eventId();
    return new TraceAnalysis.Step(kind, node.category, node.service, node.name, node.id, resourceEventId,
        segment.start(), segment.duration());
  }

  private static String rootName(TimelineNode root) {
    return switch (root.kind) {
      case RESOURCE -> root.name;
      case SPAN -> root.service + " " + root.name;
      case TRACE, PHASE -> "The trace";
    };
  }

  /** The measured offsets the timeline applied, one per backend service and browser session. */
  private static List<TraceAnalysis.SkewCorrection> skewCorrections(JoinedTrace trace) {
    return trace.clockCorrections().stream()
        .map(c -> new TraceAnalysis.SkewCorrection(c.service(),
            TimelineBuilder.BROWSER_PREFIX + "session " + c.sessionId(), c.offsetNanos()))
        .toList();
  }
}
