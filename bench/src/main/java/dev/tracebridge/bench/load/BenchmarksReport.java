package dev.tracebridge.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/** The run as a Markdown section of docs/benchmarks.md, with the machine and settings that produced it. */
final class BenchmarksReport {
  private static final double MICROS_PER_MILLI = 1_000;
  private static final double MIB = 1024 * 1024;

  private BenchmarksReport() {}

  static String render(LoadSettings s, TraceExportTemplate template, LoadBenchmark.RunResult run) throws IOException {
    StringBuilder md = new StringBuilder();
    md.append("## End-to-end load run, ").append(LocalDate.now(ZoneOffset.UTC)).append(" (bench/run-load.sh)\n\n");
    md.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
        .append(cpuModel()).append(", ").append(memTotal()).append(" RAM, ")
        .append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.runtime.version"))
        .append("; load average at start ").append(run.loadAverageAtStart()).append(" (shared machine).\n");
    md.append("Settings: exports of ").append(template.spans()).append(" spans (").append(template.traces())
        .append(" traces of ").append(template.spans() / template.traces()).append(", ")
        .append(template.bytes() / template.spans()).append(" B/span protobuf) over OTLP/gRPC, open loop, at most ")
        .append(s.maxOutstanding()).append(" exports outstanding; native RUM resources for ")
        .append(percent(s.rumShare())).append(" of traces; steps of ").append(s.stepDuration().toSeconds())
        .append(" s after a ").append(s.warmup().toSeconds()).append(" s warm-up, each step (and the half"
            + " rate) after ").append(s.settle().toSeconds()).append(" s at its rate not measured; engine `")
        .append(run.engineJavaOptions()).append("`, embedded Cassandra 5.0.9 with `-Xmx").append(s.cassandraHeap()).append("`.\n\n");
    md.append("| target spans/s | acked spans/s | durable/acked | refused exports | export p50 / p99 ms"
        + " | engine CPU-s /10k spans | Cassandra CPU-s /10k spans | mutations/span | sustained |\n");
    md.append("|---|---|---|---|---|---|---|---|---|\n");
    for (StepResult step : run.steps()) md.append(row(step));
    if (run.halfRate() != null) md.append(row(run.halfRate()));
    md.append('\n');
    md.append("- Max sustained: **").append(run.maxSustained() == null ? "none of the steps"
        : String.format(Locale.ROOT, "%,d durable spans/s", run.maxSustained())).append("**.\n");
    if (run.halfRate() != null) {
      QueryableLatency.Snapshot q = run.halfRate().queryable();
      md.append(String.format(Locale.ROOT, "- Ingest-to-queryable at %,.0f spans/s (%d sampled traces read back "
              + "through `GET /api/v1/traces/{id}`): from export sent p50 %.1f ms, p99 **%.1f ms**; from ack "
              + "p50 %.1f ms, p99 %.1f ms; never readable within 30 s: %d.%n",
          run.halfRate().load().targetSpansPerSecond(), q.fromSend().getTotalCount(),
          ms(q.fromSend(), 50), ms(q.fromSend(), 99), ms(q.fromAck(), 50), ms(q.fromAck(), 99), q.neverReadable()));
    }
    md.append(String.format(Locale.ROOT, "- Peak RSS (VmHWM): engine %.0f MiB, Cassandra %.0f MiB. Engine heap "
            + "(GC log): at most %d MiB in use, %d MiB committed.%n", run.enginePeakRss() / MIB,
        run.cassandraPeakRss() / MIB, run.enginePeakHeapMib(), run.engineCommittedHeapMib()));
    md.append(String.format(Locale.ROOT, "- Disk: %,d bytes of SSTables in the keyspace after the engine stopped"
            + " (Cassandra flushes as it stops) for %,d durable spans (warm-up and settling included):"
            + " **%.0f bytes per span** (RUM rows and "
            + "index rows included; before compaction settles).%n", run.keyspaceDiskBytes(),
        run.totalDurableSpans(), (double) run.keyspaceDiskBytes() / Math.max(1, run.totalDurableSpans())));
    return md.toString();
  }

  static String stepLine(StepResult step) {
    return String.format(Locale.ROOT, "rate %,.0f: acked %,.0f spans/s, durable %,d of %,d spans (%,d of %,d "
            + "resources, %d failed reads), skipped %d, statuses %s, RUM %s, export p50 %.1f p99 %.1f ms, "
            + "engine %.2f / Cassandra %.2f CPU-s per 10k spans, %.3f mutations/span (%d MutationStage tasks)%s",
        step.load().targetSpansPerSecond(), step.ackedSpansPerSecond(), step.durableSpans(), step.load().ackedSpans(),
        step.durableResources(), step.load().ackedResources(), step.failedReads(), step.load().skipped(),
        step.load().statuses(), step.load().rumStatuses(), ms(step.load().exportLatencyMicros(), 50),
        ms(step.load().exportLatencyMicros(), 99), step.engineCpuPer10kSpans(), step.cassandraCpuPer10kSpans(),
        step.mutationsPerSpan(), step.mutationTasks(), step.sustained() ? " — sustained" : " — NOT sustained");
  }

  private static String row(StepResult step) {
    Map<String, Long> refused = step.load().statuses().entrySet().stream().filter(e -> !e.getKey().equals("OK"))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    String refusedText = step.refusedExports() + (refused.isEmpty() ? "" : " " + refused)
        + (step.load().skipped() > 0 ? ", " + step.load().skipped() + " not sent (client cap)" : "");
    return String.format(Locale.ROOT, "| %,.0f | %,.0f | %,d / %,d | %s | %.1f / %.1f | %.2f | %.2f | %.3f | %s |%n",
        step.load().targetSpansPerSecond(), step.ackedSpansPerSecond(), step.durableSpans(), step.load().ackedSpans(),
        refusedText, ms(step.load().exportLatencyMicros(), 50), ms(step.load().exportLatencyMicros(), 99),
        step.engineCpuPer10kSpans(), step.cassandraCpuPer10kSpans(), step.mutationsPerSpan(),
        step.sustained() ? "yes" : "no");
  }

  private static double ms(Histogram micros, double percentile) {
    return micros.getTotalCount() == 0 ? Double.NaN : micros.getValueAtPercentile(percentile) / MICROS_PER_MILLI;
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, "%.0f %%", share * 100);
  }

  private static String cpuModel() throws IOException {
    return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
        .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("unknown CPU");
  }

  private static String memTotal() throws IOException {
    return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
        .findFirst().map(l -> String.format(Locale.ROOT, "%.0f GiB",
            Long.parseLong(l.replaceAll("\\D", "")) / (1024.0 * 1024))).orElse("unknown");
  }
}
