package dev.tracebridge.e2e;

import java.io.IOException;
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
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The engine as a user starts it: the README's {@code ./tracebridge} command, with the embedded
 * Cassandra, on free loopback ports. Output goes to a log file that failures print. The fault tests
 * (through {@link FaultEngine}) also pass extra options, kill it and start it again on the same ports
 * and data.
 */
final class EngineProcess implements AutoCloseable {
  /** API, ingest, gRPC, and the embedded node's CQL and storage ports. */
  static final int PORTS = 5;
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(4);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
  /** A SIGKILLed process is gone at once; this only bounds the wait for the kernel to reap it. */
  private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);
  private static final long POLL_MILLIS = 500;

  final int apiPort;
  final int ingestPort;
  final int grpcPort;
  final int cqlPort;
  final int storagePort;
  final Path dataDir;
  final Path log;
  private final int[] ports;
  private final List<String> options;
  private final Process process;
  private final HttpClient http = HttpClient.newHttpClient();

  private EngineProcess(Path dataDir, int[] ports, List<String> options, Process process, Path log) {
    this.dataDir = dataDir;
    this.ports = ports.clone();
    this.options = List.copyOf(options);
    this.apiPort = ports[0];
    this.ingestPort = ports[1];
    this.grpcPort = ports[2];
    this.cqlPort = ports[3];
    this.storagePort = ports[4];
    this.process = process;
    this.log = log;
  }

  static EngineProcess start(Path dataDir) throws Exception {
    return start(dataDir, freePorts(PORTS));
  }

  static EngineProcess start(Path dataDir, int[] ports) throws Exception {
    return start(dataDir, ports, List.of());
  }

  /**
   * Starts with {@code options} ({@code --name=value}) after the port options, and waits until it is
   * ready.
   */
  static EngineProcess start(Path dataDir, int[] ports, List<String> options) throws Exception {
    Path root = Path.of(System.getProperty("tracebridge.root", "..")).toAbsolutePath();
    Files.createDirectories(dataDir);
    // Inside the data directory (a test's temporary one), so that it goes when the test's files go; a restart
    // on the same directory gets a log of its own.
    Path log = Files.createTempFile(dataDir, "engine-", ".log");
    List<String> command = new ArrayList<>(List.of(root.resolve("tracebridge").toString(),
        "--data-dir=" + dataDir,
        "--server.port=" + ports[0],
        "--tracebridge.ingest.port=" + ports[1],
        "--tracebridge.grpc.port=" + ports[2],
        "--tracebridge.embedded.cql-port=" + ports[3],
        "--tracebridge.embedded.storage-port=" + ports[4]));
    command.addAll(options);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().put("TRACEBRIDGE_NO_BUILD", "1");
    EngineProcess engine = new EngineProcess(dataDir, ports, options, builder.start(), log);
    engine.awaitReady();
    return engine;
  }

  /**
   * Starts again on the same ports, data and options. This process must be ending (stopped or killed):
   * a signal sent by pid takes a moment to be reaped, so it is waited for, briefly.
   */
  EngineProcess restart() throws Exception {
    if (!process.waitFor(KILL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      throw new IllegalStateException("engine " + pid() + " still running (expected: stopped or killed)");
    }
    return start(dataDir, ports, options);
  }

  private void awaitReady() throws Exception {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("engine exited with " + process.exitValue() + ":\n" + logTail());
      }
      try {
        HttpResponse<String> ready = get("/api/v1/ready");
        if (ready.statusCode() == 200) return;
      } catch (IOException notListeningYet) {
        // keep polling
      }
      Thread.sleep(POLL_MILLIS);
    }
    close();
    throw new IllegalStateException("engine not ready within " + READY_TIMEOUT + ":\n" + logTail());
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

  /** The embedded Cassandra's PID, from the pid file the engine writes beside the node's data. */
  Optional<Long> cassandraPid() throws IOException {
    Path pidFile = dataDir.resolve("cassandra").resolve("cassandra.pid");
    if (!Files.exists(pidFile)) return Optional.empty();
    return Optional.of(Long.parseLong(Files.readString(pidFile).strip()));
  }

  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  /** Stops the engine as Ctrl-C would (SIGTERM to the JVM the launcher exec'd into). */
  int stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(KILL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      throw new IllegalStateException("engine did not stop within " + STOP_TIMEOUT + " of SIGTERM:\n" + logTail());
    }
    return process.exitValue();
  }

  /**
   * A crash: SIGKILL to the engine's JVM, so no shutdown hook runs and the embedded Cassandra it
   * started is left running without it.
   */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(KILL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      throw new IllegalStateException("engine " + pid() + " still alive " + KILL_TIMEOUT + " after SIGKILL");
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) process.destroyForcibly();
    }
  }

  static int[] freePorts(int count) throws IOException {
    int[] ports = new int[count];
    List<ServerSocket> open = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        open.add(socket);
        ports[i] = socket.getLocalPort();
      }
    } finally {
      for (ServerSocket s : open) s.close();
    }
    return ports;
  }
}
