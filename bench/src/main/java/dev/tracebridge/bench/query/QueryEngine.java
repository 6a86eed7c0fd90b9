package dev.tracebridge.bench.query;

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
import org.jspecify.annotations.Nullable;

/**
 * The engine as a user starts it: {@code ./tracebridge} with its embedded Cassandra, on free loopback
 * ports and a data directory of its own; stopped as Ctrl-C stops it.
 */
final class QueryEngine implements AutoCloseable {
  /** Cassandra and the engine start in 30-60 s on two busy cores (longer when the launcher rebuilds). */
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(10);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(90);
  private static final long POLL_MILLIS = 500;
  /** API, ingest, OTLP/gRPC, CQL and Cassandra's storage port. */
  private static final int PORTS = 5;

  final int apiPort;
  final int ingestPort;
  final Path log;
  /** The engine's unified GC log ({@code -Xlog:gc}), read per run by {@link GcPauses}. */
  final Path gcLog;
  private final Process process;

  private QueryEngine(int apiPort, int ingestPort, Path log, Path gcLog, Process process) {
    this.apiPort = apiPort;
    this.ingestPort = ingestPort;
    this.log = log;
    this.gcLog = gcLog;
    this.process = process;
  }

  /**
   * Starts {@code root/tracebridge} with {@code -Xmx<heap>} and waits until it is ready.
   *
   * @param jfr where to record a JFR profile of the engine; null for none
   * @param verdictGrace the propagation checker's wait for late spans; null keeps the engine's default
   */
  static QueryEngine start(Path root, Path workDir, String heap, @Nullable Path jfr,
      @Nullable Duration verdictGrace) throws IOException, InterruptedException {
    int[] ports = freePorts();
    Path dataDir = workDir.resolve("data");
    Files.createDirectories(dataDir);
    Path log = workDir.resolve("engine.log");
    Path gcLog = workDir.resolve("engine-gc.log");
    List<String> command = new ArrayList<>(List.of(root.resolve("tracebridge").toString(),
        "--data-dir=" + dataDir, "--server.port=" + ports[0], "--tracebridge.ingest.port=" + ports[1],
        "--tracebridge.grpc.port=" + ports[2], "--tracebridge.embedded.cql-port=" + ports[3],
        "--tracebridge.embedded.storage-port=" + ports[4]));
    if (verdictGrace != null) {
      command.add("--tracebridge.propagation.grace-period=" + verdictGrace.toSeconds() + "s");
    }
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("TRACEBRIDGE_JAVA_OPTS", "-Xmx" + heap + " -XX:+ExitOnOutOfMemoryError"
        + " -Xlog:gc:file=" + gcLog
        + (jfr == null ? "" : " -XX:StartFlightRecording=filename=" + jfr + ",settings=profile"));
    QueryEngine engine = new QueryEngine(ports[0], ports[1], log, gcLog, builder.start());
    EngineExitHook.closeOnExit(engine);
    engine.awaitReady();
    return engine;
  }

  URI api(String path) {
    return URI.create("http://127.0.0.1:" + apiPort + path);
  }

  URI ingest(String path) {
    return URI.create("http://127.0.0.1:" + ingestPort + path);
  }

  long pid() {
    return process.pid();
  }

  @Override
  public void close() throws InterruptedException {
    if (!process.isAlive()) return;
    process.destroy();
    if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }
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
