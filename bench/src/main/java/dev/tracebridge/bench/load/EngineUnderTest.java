package dev.tracebridge.bench.load;

import dev.tracebridge.bench.EngineExitHook;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The engine as a user runs it: {@code ./tracebridge} with its embedded Cassandra, on free loopback ports,
 * a data directory of its own, and a GC log (and optionally a JFR recording) for the benchmark to read.
 */
final class EngineUnderTest implements AutoCloseable {
  /**
   * Cassandra and the engine start in ~30-60 s on 2 busy cores; when sources changed since the jar was
   * built, the launcher rebuilds first (unless TRACEBRIDGE_NO_BUILD=1), which takes a few minutes more.
   */
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(10);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(90);
  private static final long POLL_MILLIS = 500;
  private static final int PORTS = 5;
  /** "GC(12) Pause Young (Normal) (G1 Evacuation Pause) 120M->30M(256M) 3.2ms": used before, after, committed. */
  private static final Pattern GC_HEAP = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

  final int apiPort;
  final int ingestPort;
  final int grpcPort;
  final int cqlPort;
  final Path dataDir;
  final Path log;
  final Path gcLog;
  final String javaOptions;
  private final Process process;
  private final long clockTicks;

  private EngineUnderTest(int[] ports, Path dataDir, Path log, Path gcLog, String javaOptions,
      Process process, long clockTicks) {
    this.apiPort = ports[0];
    this.ingestPort = ports[1];
    this.grpcPort = ports[2];
    this.cqlPort = ports[3];
    this.dataDir = dataDir;
    this.log = log;
    this.gcLog = gcLog;
    this.javaOptions = javaOptions;
    this.process = process;
    this.clockTicks = clockTicks;
  }

  /**
   * Starts {@code root/tracebridge} and waits until {@code /api/v1/ready} answers 200.
   *
   * @param heap the engine's -Xmx, as the launcher's default (512m) unless told otherwise
   * @param cassandraHeap the embedded node's -Xmx
   * @param jfr where to write a JFR profile of the engine; null for none
   */
  static EngineUnderTest start(Path root, Path workDir, String heap, String cassandraHeap, @Nullable Path jfr,
      long clockTicks)
      throws IOException, InterruptedException {
    int[] ports = freePorts();
    Path dataDir = workDir.resolve("data");
    Files.createDirectories(dataDir);
    Path log = workDir.resolve("engine.log");
    Path gcLog = workDir.resolve("engine-gc.log");
    String javaOptions = "-Xmx" + heap + " -XX:+ExitOnOutOfMemoryError -Xlog:gc:file=" + gcLog
        + (jfr == null ? "" : " -XX:StartFlightRecording=filename=" + jfr + ",settings=profile");
    List<String> command = List.of(root.resolve("tracebridge").toString(),
        "--data-dir=" + dataDir,
        "--server.port=" + ports[0],
        "--tracebridge.ingest.port=" + ports[1],
        "--tracebridge.grpc.port=" + ports[2],
        "--tracebridge.embedded.cql-port=" + ports[3],
        "--tracebridge.embedded.storage-port=" + ports[4],
        "--tracebridge.embedded.heap=" + cassandraHeap);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("TRACEBRIDGE_JAVA_OPTS", javaOptions);
    EngineUnderTest engine = new EngineUnderTest(ports, dataDir, log, gcLog, javaOptions, builder.start(),
        clockTicks);
    EngineExitHook.closeOnExit(engine);
    engine.awaitReady();
    return engine;
  }

  ProcessStats engine() {
    return new ProcessStats(process.pid(), clockTicks);
  }

  ProcessStats cassandra() throws IOException {
    Path pidFile = dataDir.resolve("cassandra").resolve("cassandra.pid");
    return new ProcessStats(Long.parseLong(Files.readString(pidFile).strip()), clockTicks);
  }

  URI api(String path) {
    return URI.create("http://127.0.0.1:" + apiPort + path);
  }

  URI ingest(String path) {
    return URI.create("http://127.0.0.1:" + ingestPort + path);
  }

  /** The largest heap in use before any collection and the largest committed heap, in MiB, from the GC log. */
  long[] peakHeapMib() throws IOException {
    long used = 0;
    long committed = 0;
    if (!Files.exists(gcLog)) return new long[] {0, 0};
    try (Stream<String> lines = Files.lines(gcLog)) {
      for (String line : (Iterable<String>) lines::iterator) {
        Matcher m = GC_HEAP.matcher(line);
        if (m.find()) {
          used = Math.max(used, Long.parseLong(m.group(1)));
          committed = Math.max(committed, Long.parseLong(m.group(3)));
        }
      }
    }
    return new long[] {used, committed};
  }

  /** Stops as Ctrl-C does: the engine drains, closes its session and stops Cassandra (which flushes). */
  void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      throw new IllegalStateException("engine did not stop within " + STOP_TIMEOUT + " of SIGTERM; see " + log);
    }
  }

  boolean alive() {
    return process.isAlive();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) stop();
  }

  private void awaitReady() throws IOException, InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("engine exited with " + process.exitValue() + "; see " + log);
      }
      try {
        HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(api("/api/v1/ready"))
            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
        if (ready.statusCode() == 200) return;
      } catch (IOException notListeningYet) {
        // keep polling
      }
      Thread.sleep(POLL_MILLIS);
    }
    close();
    throw new IllegalStateException("engine not ready within " + READY_TIMEOUT + "; see " + log);
  }

  private static int[] freePorts() throws IOException {
    int[] ports = new int[PORTS];
    List<ServerSocket> open = new ArrayList<>();
    try {
      for (int i = 0; i < PORTS; i++) {
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        open.add(socket);
        ports[i] = socket.getLocalPort();
      }
    } finally {
      for (ServerSocket s : open) s.close();
    }
    return ports;
  }
}
