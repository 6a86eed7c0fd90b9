package dev.tracebridge.e2e;

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
import java.util.concurrent.TimeUnit;

/**
 * The engine as a user starts it ({@code ./tracebridge}, embedded Cassandra, free loopback ports), like
 * {@link EngineProcess}, plus what the fault tests need: extra {@code --name=value} options, a restart on
 * the same ports and data, and the pids to signal.
 */
final class FaultEngine implements AutoCloseable {
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(4);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
  private static final int PORTS = 5;
  private static final long POLL_MILLIS = 500;

  final int apiPort;
  final int ingestPort;
  final int grpcPort;
  final Path dataDir;
  final Path log;
  private final int[] ports;
  private final List<String> options;
  private final Process process;
  private final HttpClient http = HttpClient.newHttpClient();

  private FaultEngine(Path dataDir, int[] ports, List<String> options, Process process, Path log) {
    this.dataDir = dataDir;
    this.ports = ports;
    this.options = options;
    this.apiPort = ports[0];
    this.ingestPort = ports[1];
    this.grpcPort = ports[2];
    this.process = process;
    this.log = log;
  }

  /** Starts on free ports with {@code options} ({@code --name=value}) and waits until it is ready. */
  static FaultEngine start(Path dataDir, String... options) throws Exception {
    return start(dataDir, EngineProcess.freePorts(PORTS), List.of(options));
  }

  /** Starts again on the same ports, data and options (the previous process must be gone). */
  FaultEngine restart() throws Exception {
    return start(dataDir, ports, options);
  }

  private static FaultEngine start(Path dataDir, int[] ports, List<String> options) throws Exception {
    Path root = Path.of(System.getProperty("tracebridge.root", "..")).toAbsolutePath();
    Files.createDirectories(dataDir);
    Path log = Files.createTempFile("tracebridge-fault-engine", ".log");
    List<String> command = new ArrayList<>(List.of(root.resolve("tracebridge").toString(),
        "--data-dir=" + dataDir,
        "--server.port=" + ports[0],
        "--tracebridge.ingest.port=" + ports[1],
        "--tracebridge.grpc.port=" + ports[2],
        "--tracebridge.embedded.cql-port=" + ports[3],
        "--tracebridge.embedded.storage-port=" + ports[4]));
    command.addAll(options);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("TRACEBRIDGE_NO_BUILD", "1");
    FaultEngine engine = new FaultEngine(dataDir, ports, options, builder.start(), log);
    engine.awaitReady();
    return engine;
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + path))
        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> postIngest(String path, String contentType, String body)
      throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ingestPort + path))
        .timeout(Duration.ofSeconds(30)).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  long pid() {
    return process.pid();
  }

  /** The embedded Cassandra's pid, from the pid file the engine writes beside the node's data. */
  long cassandraPid() throws IOException {
    return Long.parseLong(Files.readString(dataDir.resolve("cassandra").resolve("cassandra.pid")).strip());
  }

  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) process.destroyForcibly();
    }
  }

  private void awaitReady() throws Exception {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("engine exited with " + process.exitValue() + ":\n" + logTail());
      }
      try {
        if (get("/api/v1/ready").statusCode() == 200) return;
      } catch (IOException notListeningYet) {
        // keep polling
      }
      Thread.sleep(POLL_MILLIS);
    }
    close();
    throw new IllegalStateException("engine not ready within " + READY_TIMEOUT + ":\n" + logTail());
  }
}
