package dev.tracebridge.bench.query;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Issue 6 item 7: starts the engine with its embedded Cassandra, stores 200-span joined traces through
 * its ingest port (native RUM + OTLP/HTTP JSON, each acknowledged only once durable), checks one reads
 * back joined, waits for the propagation checker to decide their verdicts (with {@code --verdicts=live} it
 * then stores as many again, decided during the runs: {@link VerdictTiming}), then lets 16 clients fetch
 * random traces by id, and then their analyses: closed-loop (the engine's saturation) and then paced at each
 * of the given total rates, for a bounded time each. Prints requests/s, p50/p99/max, the CPU per request of
 * the engine, Cassandra and the clients, and the engine's garbage-collection pauses during each run.
 * Targets: trace by id p99 ≤ 20 ms, analysis p99 ≤ 30 ms.
 */
public final class QueryBenchmark {
  static final Duration TRACE_TARGET_P99 = Duration.ofMillis(20);
  static final Duration ANALYSIS_TARGET_P99 = Duration.ofMillis(30);
  /** Ingest requests in flight while storing the traces: enough to load them in seconds. */
  private static final int INGEST_THREADS = 4;
  /** Traces start five minutes ago: inside every default search window, clear of the clock's edge. */
  private static final Duration TRACE_AGE = Duration.ofMinutes(5);
  private static final String APP = "bench-shop";
  private static final Duration INGEST_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration VERDICTS_POLL = Duration.ofSeconds(1);
  private static final String VERDICTS_METRIC = "tracebridge_verdicts_total";
  private static final long MINUTE_MILLIS = 60_000;

  private QueryBenchmark() {}

  public static void main(String[] args) throws Exception {
    QuerySettings settings = QuerySettings.parse(args);
    Files.createDirectories(settings.workDir());
    System.out.println("starting the engine (log: " + settings.workDir().resolve("engine.log") + ")...");
    try (QueryEngine engine = QueryEngine.start(settings.root(), settings.workDir(), settings.heap(),
        settings.jfr(), settings.verdicts().grace)) {
      List<String> ids = new ArrayList<>(store(engine, settings.traces()));
      checkJoined(engine, ids.get(0));
      awaitVerdicts(engine, ids.size(), settings.verdicts().verdictsTimeout);
      if (settings.verdicts() == VerdictTiming.LIVE) {
        awaitNextMinute();
        ids.addAll(store(engine, settings.traces()));
        System.out.println("verdicts live: the propagation checker decides the verdicts of the second "
            + settings.traces() + " traces about 3-3.5 minutes from now, during the runs");
      }
      Path cassandraPid = settings.workDir().resolve("data").resolve("cassandra").resolve("cassandra.pid");
      long cassandra = Long.parseLong(Files.readString(cassandraPid).strip());
      List<String> rows = new ArrayList<>();
      for (Endpoint endpoint : List.of(
          new Endpoint("trace by id", TRACE_TARGET_P99, id -> engine.api("/api/v1/traces/" + id)),
          new Endpoint("analysis", ANALYSIS_TARGET_P99, id -> engine.api("/api/v1/traces/" + id + "/analysis")))) {
        System.out.printf(Locale.ROOT, "%s: %d s warm-up, then %d s per run, %d clients...%n", endpoint.name(),
            settings.warmup().toSeconds(), settings.duration().toSeconds(), settings.clients());
        QueryClients.closedLoop(settings.clients(), settings.warmup(), ids, endpoint.uri());
        rows.add(measure(endpoint, "closed loop", engine, cassandra, settings,
            () -> QueryClients.closedLoop(settings.clients(), settings.duration(), ids, endpoint.uri())));
        for (int rate : settings.rates()) {
          rows.add(measure(endpoint, rate + "/s paced", engine, cassandra, settings,
              () -> QueryClients.paced(settings.clients(), rate, settings.duration(), ids, endpoint.uri())));
        }
      }
      System.out.println();
      System.out.println("| request | load | requests/s | p50 ms | p99 ms | max ms | errors | engine CPU-ms/req"
          + " | Cassandra CPU-ms/req | clients' CPU-ms/req | engine GC pauses (n / sum / max ms) | p99 target met |");
      System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
      rows.forEach(System.out::println);
    }
  }

  /**
   * Sleeps until a second into the next minute. The checker decides an arrival minute once the grace period
   * has passed after its end, at its next run (every 30 s): traces stored at the start of a minute have their
   * verdicts decided 2:55-3:25 minutes later, which {@code --warmup=90} and 60 s runs put inside the paced run.
   */
  private static void awaitNextMinute() throws InterruptedException {
    long millis = System.currentTimeMillis();
    long wait = MINUTE_MILLIS - millis % MINUTE_MILLIS + 1_000;
    System.out.printf(Locale.ROOT, "storing the second set at the start of the next minute (in %d s)%n",
        wait / 1_000);
    Thread.sleep(wait);
  }

  /** Stores the traces, each one's RUM batch and service exports acknowledged before it counts. */
  private static List<String> store(QueryEngine engine, int count) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long origin = System.currentTimeMillis() - TRACE_AGE.toMillis();
    ExecutorService pool = Executors.newFixedThreadPool(INGEST_THREADS);
    List<Future<String>> stored = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      long startMillis = origin + i;
      stored.add(pool.submit(() -> {
        JoinedTraceFixture trace = JoinedTraceFixture.create(APP, startMillis);
        post(http, engine.ingest("/v1/rum"), trace.rumJson(), 202);
        for (String export : trace.otlpExports()) post(http, engine.ingest("/v1/traces"), export, 200);
        return trace.traceId();
      }));
    }
    List<String> ids = new ArrayList<>(count);
    for (Future<String> f : stored) ids.add(f.get());
    pool.shutdown();
    System.out.printf(Locale.ROOT, "stored %d joined traces of %d spans in %.1f s%n", count,
        JoinedTraceFixture.SPANS, (System.nanoTime() - start) / 1e9);
    return ids;
  }

  /** The trace reads back with every span, its browser request and the link between them. */
  private static void checkJoined(QueryEngine engine, String traceId) throws IOException, InterruptedException {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        engine.api("/api/v1/traces/" + traceId)).GET().build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("trace " + traceId + " answered " + response.statusCode() + ": " + response.body());
    }
    JsonNode trace = new ObjectMapper().readTree(response.body());
    int spans = trace.get("spans").size();
    int resources = trace.get("rum").get("resources").size();
    int links = trace.get("links").size();
    if (spans != JoinedTraceFixture.SPANS || resources != 1 || links != 1) {
      throw new IllegalStateException("trace " + traceId + " read back with " + spans + " spans, " + resources
          + " resources and " + links + " links (expected: " + JoinedTraceFixture.SPANS + ", 1, 1)");
    }
    System.out.println("trace " + traceId + ": " + spans + " spans, 1 browser request, linked; "
        + response.body().length() + " bytes of JSON");
  }

  /**
   * Waits until the engine's propagation checker has decided a verdict for each stored trace's browser request.
   * Deciding them reads every trace whole and writes each verdict with a lightweight transaction. The first
   * time, that burst runs code neither the engine nor Cassandra had compiled yet: their JIT compilers took
   * ~1.5 CPU-s within three seconds, which stalled trace reads by up to 350 ms when it fell inside a measured
   * run (docs/benchmarks.md, "Query latency", sessions 10 and 11).
   */
  private static void awaitVerdicts(QueryEngine engine, int count, Duration timeout)
      throws IOException, InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    long decided = 0;
    long lastReport = 0;
    while (decided < count) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the propagation checker decided " + decided + " of " + count
            + " verdicts in " + timeout.toSeconds() + " s; see the engine log");
      }
      Thread.sleep(VERDICTS_POLL.toMillis());
      HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(engine.api("/metrics")).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      if (metrics.statusCode() != 200) {
        throw new IllegalStateException("/metrics answered " + metrics.statusCode() + ": " + metrics.body());
      }
      decided = verdictsDecided(metrics.body());
      long seconds = (System.nanoTime() - start) / 1_000_000_000L;
      if (seconds / 10 > lastReport) {
        lastReport = seconds / 10;
        System.out.printf(Locale.ROOT, "waiting for the propagation checker: %d of %d verdicts decided (%d s)%n",
            decided, count, seconds);
      }
    }
    System.out.printf(Locale.ROOT, "the propagation checker decided the %d verdicts in %.0f s%n", count,
        (System.nanoTime() - start) / 1e9);
  }

  /** The sum of the engine's {@code tracebridge_verdicts_total} series in a Prometheus exposition. */
  static long verdictsDecided(String exposition) {
    long total = 0;
    for (String line : exposition.split("\n")) {
      if (!line.startsWith(VERDICTS_METRIC + "{")) continue;
      total += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }
    return total;
  }

  /**
   * One measured run, with the CPU the engine, Cassandra and this process (the clients, on the same cores)
   * spent during it; returns its table row.
   */
  private static String measure(Endpoint endpoint, String load, QueryEngine engine, long cassandraPid,
      QuerySettings settings, Run run) throws Exception {
    double engineBefore = ProcessCpu.seconds(engine.pid(), settings.clockTicks());
    double cassandraBefore = ProcessCpu.seconds(cassandraPid, settings.clockTicks());
    long self = ProcessHandle.current().pid();
    double clientsBefore = ProcessCpu.seconds(self, settings.clockTicks());
    long gcMark = GcPauses.mark(engine.gcLog);
    QueryClients.Result result = run.call();
    GcPauses pauses = GcPauses.since(engine.gcLog, gcMark);
    double engineCpu = ProcessCpu.seconds(engine.pid(), settings.clockTicks()) - engineBefore;
    double cassandraCpu = ProcessCpu.seconds(cassandraPid, settings.clockTicks()) - cassandraBefore;
    double clientsCpu = ProcessCpu.seconds(self, settings.clockTicks()) - clientsBefore;
    Histogram h = result.latencies();
    double ok = Math.max(1, h.getTotalCount());
    double p99 = ms(h.getValueAtPercentile(99));
    String row = String.format(Locale.ROOT,
        "| %s | %s | %.0f | %.1f | %.1f | %.1f | %d | %.2f | %.2f | %.2f | %d / %.0f / %.1f | %s (%d ms) |",
        endpoint.name(), load, result.perSecond(), ms(h.getValueAtPercentile(50)), p99, ms(h.getMaxValue()),
        result.errors(), engineCpu * 1000 / ok, cassandraCpu * 1000 / ok, clientsCpu * 1000 / ok,
        pauses.count(), pauses.totalMillis(), pauses.maxMillis(),
        p99 <= endpoint.targetP99().toMillis() ? "yes" : "no", endpoint.targetP99().toMillis());
    System.out.println(row);
    return row;
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  private static void post(HttpClient http, URI uri, String body, int expected) throws IOException,
      InterruptedException {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(INGEST_TIMEOUT)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != expected) {
      throw new IllegalStateException(uri + " answered " + response.statusCode() + ": " + response.body());
    }
  }

  /** A route queried, and its p99 target. */
  private record Endpoint(String name, Duration targetP99, Function<String, URI> uri) {}

  /** One run of the clients. */
  @FunctionalInterface
  private interface Run {
    QueryClients.Result call() throws InterruptedException;
  }
}
