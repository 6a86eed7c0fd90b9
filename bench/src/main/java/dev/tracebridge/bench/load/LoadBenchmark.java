package dev.tracebridge.bench.load;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * {@code bench/run-load.sh}: starts the engine, warms it up, holds each target rate in turn until one is
 * not sustained, then holds half the highest sustained rate to measure ingest-to-queryable latency; reads
 * back every acknowledged trace after each step; stops the engine (Cassandra flushes as it stops) and
 * measures the keyspace on disk. Prints the results and appends them to docs/benchmarks.md when asked.
 */
public final class LoadBenchmark {
  static final String KEYSPACE = "tracebridge";
  private static final String DATACENTER = "datacenter1";
  /** Verifier reads of a node that just took a burst can be slow; they must not time out. */
  private static final Duration CQL_TIMEOUT = Duration.ofSeconds(30);
  /** The client's HTTP work (RUM posts, API reads) runs on this many threads, never one per task. */
  private static final int HTTP_THREADS = 4;

  private LoadBenchmark() {}

  public static void main(String[] args) throws Exception {
    LoadSettings settings = LoadSettings.parse(args);
    TraceExportTemplate template = TraceExportTemplate.create();
    System.out.printf("export: %d spans in %d traces, %d bytes (%d B/span)%n", template.spans(),
        template.traces(), template.bytes(), template.bytes() / template.spans());
    Files.createDirectories(settings.workDir());
    ExecutorService httpThreads = Executors.newFixedThreadPool(HTTP_THREADS, daemon("load-http"));
    HttpClient http = HttpClient.newBuilder().executor(httpThreads).connectTimeout(Duration.ofSeconds(5)).build();
    RunResult run;
    try (EngineUnderTest engine = EngineUnderTest.start(settings.root(), settings.workDir(), settings.heap(),
        settings.cassandraHeap(), settings.jfr(), settings.clockTicks())) {
      System.out.println("engine ready: api " + engine.apiPort + ", grpc " + engine.grpcPort + ", cql "
          + engine.cqlPort + "; data " + engine.dataDir);
      run = drive(settings, template, engine, http);
    } finally {
      httpThreads.shutdownNow();
    }
    String section = BenchmarksReport.render(settings, template, run);
    System.out.println(section);
    if (settings.docs() != null) {
      Files.writeString(settings.docs(), "\n" + section, java.nio.file.StandardOpenOption.APPEND);
      System.out.println("appended to " + settings.docs());
    }
  }

  private static RunResult drive(LoadSettings settings, TraceExportTemplate template, EngineUnderTest engine,
      HttpClient http) throws Exception {
    ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", engine.grpcPort).usePlaintext().build();
    try (CqlSession session = CqlSession.builder()
            .addContactPoint(new InetSocketAddress("127.0.0.1", engine.cqlPort)).withLocalDatacenter(DATACENTER)
            .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, CQL_TIMEOUT).build()).build();
        QueryableLatency queryable = new QueryableLatency(http,
            id -> engine.api("/api/v1/traces/" + id), template.spans() / template.traces())) {
      OpenLoopGenerator generator = new OpenLoopGenerator(channel, http, engine.ingest("/v1/rum"), template,
          settings.rumShare(), settings.maxOutstanding(), queryable);
      StoredTraceVerifier verifier = new StoredTraceVerifier(session, KEYSPACE);
      CassandraCounters counters = new CassandraCounters(session, KEYSPACE);
      String loadAtStart = Files.readString(Path.of("/proc/loadavg")).strip();

      // Spans stored outside the measured steps, read back all the same: they are on disk too.
      long unmeasuredSpans = unmeasured(generator, verifier, "warm-up", settings.steps().get(0), settings.warmup());
      List<StepResult> steps = new ArrayList<>();
      @Nullable Integer maxSustained = null;
      for (int rate : settings.steps()) {
        unmeasuredSpans += unmeasured(generator, verifier, "settling", rate, settings.settle());
        StepResult step = measure(generator, verifier, counters, engine, queryable, rate, settings.stepDuration());
        steps.add(step);
        System.out.println(BenchmarksReport.stepLine(step));
        if (!step.sustained() || !engine.alive()) break;
        maxSustained = rate;
      }
      int halfRate = (maxSustained != null ? maxSustained : settings.steps().get(0)) / 2;
      @Nullable StepResult half = null;
      if (!settings.halfRateDuration().isZero() && engine.alive()) {
        unmeasuredSpans += unmeasured(generator, verifier, "settling", halfRate, settings.settle());
        System.out.println("half rate: " + halfRate + " spans/s for " + settings.halfRateDuration());
        half = measure(generator, verifier, counters, engine, queryable, halfRate, settings.halfRateDuration());
        System.out.println(BenchmarksReport.stepLine(half));
      }
      long enginePeakRss = engine.engine().peakRssBytes();
      long cassandraPeakRss = engine.cassandra().peakRssBytes();
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      session.close();
      queryable.close(); // no reads of a stopping engine
      long[] heap = engine.peakHeapMib();
      engine.stop();
      long diskBytes = keyspaceBytes(engine.dataDir);
      long totalDurableSpans = unmeasuredSpans + steps.stream().mapToLong(StepResult::durableSpans).sum()
          + (half == null ? 0 : half.durableSpans());
      return new RunResult(steps, maxSustained, half, enginePeakRss, cassandraPeakRss, heap[0], heap[1],
          diskBytes, totalDurableSpans, loadAtStart, engine.javaOptions);
    }
  }

  /**
   * Sends at {@code rate} for {@code duration} without measuring (the warm-up, or a settle: see
   * {@link LoadSettings#settle}), then reads back what was acknowledged meanwhile: a loss there ends the run.
   *
   * @return the spans read back
   */
  private static long unmeasured(OpenLoopGenerator generator, StoredTraceVerifier verifier, String what, int rate,
      Duration duration) throws Exception {
    if (duration.isZero()) return 0;
    System.out.println(what + ": " + rate + " spans/s for " + duration + " (not measured)");
    OpenLoopGenerator.StepLoad load = generator.run(rate, duration);
    StoredTraceVerifier.Found spans = verifier.count(load.acknowledged().spanTraces());
    StoredTraceVerifier.Found resources = verifier.count(load.acknowledged().resourceTraces());
    if (spans.spans() != load.ackedSpans() || resources.resources() != load.ackedResources()
        || spans.failedReads() + resources.failedReads() > 0) {
      throw new IllegalStateException(what + " at " + rate + " spans/s: " + spans.spans() + " of "
          + load.ackedSpans() + " acknowledged spans and " + resources.resources() + " of " + load.ackedResources()
          + " acknowledged resources read back (" + (spans.failedReads() + resources.failedReads())
          + " reads failed)");
    }
    return spans.spans();
  }

  private static StepResult measure(OpenLoopGenerator generator, StoredTraceVerifier verifier,
      CassandraCounters counters, EngineUnderTest engine, QueryableLatency queryable, int rate, Duration duration)
      throws Exception {
    ProcessStats engineProcess = engine.engine();
    ProcessStats cassandraProcess = engine.cassandra();
    queryable.snapshot(); // starts a fresh interval
    double engineCpu = engineProcess.cpuSeconds();
    double cassandraCpu = cassandraProcess.cpuSeconds();
    long mutations = counters.keyspaceMutations();
    long tasks = counters.mutationStageTasks();
    OpenLoopGenerator.StepLoad load = generator.run(rate, duration);
    engineCpu = engineProcess.cpuSeconds() - engineCpu;
    cassandraCpu = cassandraProcess.cpuSeconds() - cassandraCpu;
    mutations = counters.keyspaceMutations() - mutations;
    tasks = counters.mutationStageTasks() - tasks;
    QueryableLatency.Snapshot latency = queryable.snapshot();
    StoredTraceVerifier.Found spans = verifier.count(load.acknowledged().spanTraces());
    StoredTraceVerifier.Found resources = verifier.count(load.acknowledged().resourceTraces());
    return new StepResult(load, spans.spans(), resources.resources(), spans.failedReads() + resources.failedReads(),
        engineCpu, cassandraCpu, mutations, tasks, latency);
  }

  /** Bytes of the keyspace's SSTables (the commit log is preallocated and recycled, so it is not counted). */
  private static long keyspaceBytes(Path dataDir) throws IOException {
    try (Stream<Path> files = Files.walk(dataDir)) {
      return files.filter(Files::isRegularFile)
          .filter(p -> p.toString().contains("/data/" + KEYSPACE + "/"))
          .mapToLong(p -> p.toFile().length()).sum();
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  /** Everything one run measured. */
  record RunResult(List<StepResult> steps, @Nullable Integer maxSustained, @Nullable StepResult halfRate,
      long enginePeakRss, long cassandraPeakRss, long enginePeakHeapMib, long engineCommittedHeapMib, long keyspaceDiskBytes,
      long totalDurableSpans, String loadAverageAtStart, String engineJavaOptions) {}
}
