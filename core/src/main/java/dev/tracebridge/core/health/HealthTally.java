package dev.tracebridge.core.health;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.model.TraceId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds decided verdicts into {@link HealthCount}s. Every store counts with it, so the in-memory and the
 * Cassandra store order and cut a report the same way. Not thread-safe: one report, one tally.
 */
public final class HealthTally {
  private final Map<Key, Counter> counters = new LinkedHashMap<>();

  public void add(String appId, long hourBucket, String urlPattern, String headerFormats,
      PropagationVerdict verdict, TraceId traceId) {
    requireNonNull(traceId, "traceId");
    Counter counter = counters.computeIfAbsent(
        new Key(appId, hourBucket, urlPattern, headerFormats, verdict), k -> new Counter());
    counter.count++;
    if (counter.examples.size() < HealthCount.MAX_EXAMPLES && !counter.examples.contains(traceId)) {
      counter.examples.add(traceId);
    }
  }

  public void add(Verdict verdict) {
    add(verdict.appId(), verdict.reportBucket(), verdict.urlPattern(), verdict.headerFormats(),
        verdict.verdict(), verdict.traceId());
  }

  /** Newest hour first, then URL pattern, header formats and verdict in their natural order. */
  public HealthReport report(boolean partial) {
    List<HealthCount> counts = new ArrayList<>(counters.size());
    counters.forEach((k, c) -> counts.add(new HealthCount(k.appId, k.hourBucket, k.urlPattern,
        k.headerFormats, k.verdict, c.count, c.examples)));
    counts.sort(Comparator.comparingLong(HealthCount::hourBucket).reversed()
        .thenComparing(HealthCount::appId)
        .thenComparing(HealthCount::urlPattern)
        .thenComparing(HealthCount::headerFormats)
        .thenComparing(HealthCount::verdict));
    return new HealthReport(counts, partial);
  }

  private record Key(String appId, long hourBucket, String urlPattern, String headerFormats,
      PropagationVerdict verdict) {}

  private static final class Counter {
    long count;
    final List<TraceId> examples = new ArrayList<>(HealthCount.MAX_EXAMPLES);
  }
}
