package dev.tracebridge.api.analysis;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Aggregates per-trace analyses: percentiles of the front-to-back total with the split at each, what
 * the p95 tail spent its time on, the commonest error origins, and the change against the previous
 * period. Pure: the caller searches, reads and analyses the traces.
 */
public final class TraceSetAnalyzer {
  /** The percentiles reported, as (name, quantile). */
  private static final List<Map.Entry<String, Double>> PERCENTILES =
      List.of(Map.entry("p50", 0.50), Map.entry("p95", 0.95), Map.entry("p99", 0.99));
  private static final double TAIL_QUANTILE = 0.95;
  /** Enough to see a pattern without listing every distinct failure. */
  static final int TOP_ERROR_ORIGINS = 5;
  static final int EXAMPLE_TRACES = 3;
  static final int TOP_CONTRIBUTORS = 8;

  public TraceSetAnalysis analyze(String target, long from, long to, List<TraceAnalysis> current,
      boolean currentSampled, @Nullable List<TraceAnalysis> previous, boolean previousSampled) {
    long length = to - from;
    TraceSetAnalysis.Period now = period(from, to, current, currentSampled);
    TraceSetAnalysis.Period before = previous == null ? null
        : period(from - length, from, previous, previousSampled);
    TraceSetAnalysis.Change change = before == null || before.traces() == 0 || now.traces() == 0
        ? null : change(now, before);
    return new TraceSetAnalysis(target, from, to, now, before, change, summary(target, now, before, change));
  }

  private static TraceSetAnalysis.Period period(long from, long to, List<TraceAnalysis> traces, boolean sampled) {
    List<TraceAnalysis> sorted = new ArrayList<>(traces);
    sorted.sort(Comparator.comparingLong(TraceAnalysis::totalNanos).thenComparing(a -> a.traceId().toHex()));
    List<TraceSetAnalysis.Percentile> percentiles = new ArrayList<>();
    if (!sorted.isEmpty()) {
      for (Map.Entry<String, Double> p : PERCENTILES) {
        TraceAnalysis at = sorted.get(rank(sorted.size(), p.getValue()));
        percentiles.add(new TraceSetAnalysis.Percentile(p.getKey(), Millis.of(at.totalNanos()),
            at.traceId().toHex(), parts(at)));
      }
    }
    int errors = (int) traces.stream().filter(t -> t.errorOrigin() != null).count();
    return new TraceSetAnalysis.Period(from, to, traces.size(), sampled, errors, percentiles,
        tailContributors(sorted), errorOrigins(traces));
  }

  /** The 0-based index of the nearest rank of quantile {@code q} among {@code n} sorted values. */
  static int rank(int n, double q) {
    return (int) Math.max(0, Math.min(n - 1, Math.ceil(q * n) - 1));
  }

  private static List<TraceSetAnalysis.Part> parts(TraceAnalysis a) {
    return a.split().stream().map(p -> new TraceSetAnalysis.Part(p.category().wireName(), p.name(),
        Millis.of(p.nanos()), Millis.percent(p.nanos(), a.totalNanos()))).toList();
  }

  private static List<TraceSetAnalysis.Contributor> tailContributors(List<TraceAnalysis> sorted) {
    if (sorted.isEmpty()) return List.of();
    List<TraceAnalysis> tail = sorted.subList(rank(sorted.size(), TAIL_QUANTILE), sorted.size());
    Map<List<String>, Long> sums = new LinkedHashMap<>();
    long totals = 0;
    for (TraceAnalysis trace : tail) {
      totals += trace.totalNanos();
      for (TraceAnalysis.Part part : trace.split()) {
        sums.merge(List.of(part.category().wireName(), part.name()), part.nanos(), Long::sum);
      }
    }
    long tailTotal = totals;
    List<TraceSetAnalysis.Contributor> contributors = new ArrayList<>();
    sums.forEach((key, nanos) -> contributors.add(new TraceSetAnalysis.Contributor(key.get(0), key.get(1),
        Millis.of(nanos / tail.size()), Millis.percent(nanos, tailTotal))));
    contributors.sort(Comparator.comparingDouble(TraceSetAnalysis.Contributor::meanMs).reversed()
        .thenComparing(TraceSetAnalysis.Contributor::name));
    return contributors.size() > TOP_CONTRIBUTORS ? List.copyOf(contributors.subList(0, TOP_CONTRIBUTORS))
        : contributors;
  }

  private static List<TraceSetAnalysis.ErrorOriginCount> errorOrigins(List<TraceAnalysis> traces) {
    Map<List<String>, Set<String>> byOrigin = new LinkedHashMap<>();
    for (TraceAnalysis trace : traces) {
      ErrorOrigin origin = trace.errorOrigin();
      if (origin == null) continue;
      String type = origin.exception() == null ? "" : origin.exception().type();
      byOrigin.computeIfAbsent(List.of(origin.service(), origin.name(), type), k -> new LinkedHashSet<>())
          .add(trace.traceId().toHex());
    }
    List<TraceSetAnalysis.ErrorOriginCount> counts = new ArrayList<>();
    byOrigin.forEach((key, ids) -> counts.add(new TraceSetAnalysis.ErrorOriginCount(key.get(0), key.get(1),
        key.get(2), ids.size(), ids.stream().limit(EXAMPLE_TRACES).toList())));
    counts.sort(Comparator.comparingInt(TraceSetAnalysis.ErrorOriginCount::traces).reversed()
        .thenComparing(TraceSetAnalysis.ErrorOriginCount::service));
    return counts.size() > TOP_ERROR_ORIGINS ? List.copyOf(counts.subList(0, TOP_ERROR_ORIGINS)) : counts;
  }

  private static TraceSetAnalysis.Change change(TraceSetAnalysis.Period now, TraceSetAnalysis.Period before) {
    double p95Now = ms(now, "p95");
    double p95Before = ms(before, "p95");
    Map<List<String>, double[]> byContributor = new LinkedHashMap<>();
    for (TraceSetAnalysis.Contributor c : now.p95Contributors()) {
      byContributor.computeIfAbsent(List.of(c.category(), c.name()), k -> new double[2])[1] = c.meanMs();
    }
    for (TraceSetAnalysis.Contributor c : before.p95Contributors()) {
      byContributor.computeIfAbsent(List.of(c.category(), c.name()), k -> new double[2])[0] = c.meanMs();
    }
    List<TraceSetAnalysis.ContributorChange> contributors = new ArrayList<>();
    byContributor.forEach((key, values) -> contributors.add(new TraceSetAnalysis.ContributorChange(key.get(0),
        key.get(1), values[0], values[1], round(values[1] - values[0]))));
    contributors.sort(Comparator.comparingDouble((TraceSetAnalysis.ContributorChange c) -> Math.abs(c.deltaMs()))
        .reversed().thenComparing(TraceSetAnalysis.ContributorChange::name));
    Double p95Percent = p95Before == 0 ? null : round((p95Now - p95Before) * 100 / p95Before);
    return new TraceSetAnalysis.Change(round(ms(now, "p50") - ms(before, "p50")), round(p95Now - p95Before),
        round(ms(now, "p99") - ms(before, "p99")), p95Percent, contributors);
  }

  private static double ms(TraceSetAnalysis.Period period, String name) {
    return period.percentiles().stream().filter(p -> p.name().equals(name)).findFirst()
        .map(TraceSetAnalysis.Percentile::ms).orElse(0.0);
  }

  private static double round(double value) {
    return BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP).doubleValue();
  }

  private static String summary(String target, TraceSetAnalysis.Period now, TraceSetAnalysis.@Nullable Period before,
      TraceSetAnalysis.@Nullable Change change) {
    if (now.traces() == 0) return "No traces of " + target + " in this period.";
    StringBuilder out = new StringBuilder("p95 of ").append(target).append(" was ")
        .append(whole(ms(now, "p95"))).append(" ms over ").append(now.traces()).append(now.sampled() ? "+" : "")
        .append(" traces");
    if (before != null && change != null) {
      out.append(" (").append(change.p95Ms() >= 0 ? "up " : "down ").append(whole(Math.abs(change.p95Ms())))
          .append(" ms from ").append(whole(ms(before, "p95"))).append(" ms)");
    }
    if (!now.p95Contributors().isEmpty()) {
      TraceSetAnalysis.Contributor top = now.p95Contributors().get(0);
      out.append("; in the slowest 5 % most time went to ").append(label(top.category(), top.name()))
          .append(" (").append(top.percent()).append(" %, ").append(whole(top.meanMs())).append(" ms per trace");
      if (change != null) {
        change.p95Contributors().stream().filter(c -> c.name().equals(top.name())
            && c.category().equals(top.category())).findFirst().filter(c -> Math.abs(c.deltaMs()) >= 1)
            .ifPresent(c -> out.append(", ").append(c.deltaMs() >= 0 ? "up " : "down ")
                .append(whole(Math.abs(c.deltaMs()))).append(" ms"));
      }
      out.append(')');
    }
    if (!now.topErrorOrigins().isEmpty()) {
      TraceSetAnalysis.ErrorOriginCount e = now.topErrorOrigins().get(0);
      out.append("; most errors started in ").append(e.service()).append(" \"").append(e.name()).append("\" (")
          .append(e.traces()).append(e.traces() == 1 ? " trace)" : " traces)");
    }
    return out.append('.').toString();
  }

  private static String label(String category, String name) {
    return switch (category) {
      case "frontend" -> "the browser";
      case "network" -> "the network";
      case "unattributed" -> "unattributed time";
      default -> name;
    };
  }

  private static String whole(double ms) {
    return Long.toString(Math.round(ms));
  }
}
