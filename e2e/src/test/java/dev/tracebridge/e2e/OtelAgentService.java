package dev.tracebridge.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * An {@link OtelDemoService} JVM running under the OpenTelemetry Java agent, exporting its spans to the
 * engine over OTLP. Closing it kills the JVM; its output goes to a log file that failures print.
 */
final class OtelAgentService implements AutoCloseable {
  /** The agent's start (instrumenting Jetty and the JDK client) takes several seconds on 2 shared cores. */
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
  private static final long POLL_MILLIS = 100;
  /**
   * The batch span processor exports every 100 ms instead of its default 5 s, so a test sees spans soon
   * after the request; export size and queue stay at their defaults.
   */
  private static final String SCHEDULE_DELAY_MILLIS = "100";
  /** A small heap: two of these run beside the engine and its Cassandra. */
  private static final String MAX_HEAP = "-Xmx128m";

  /** How the agent exports: OTLP/gRPC to the engine's gRPC port, or OTLP/HTTP protobuf to its ingest port. */
  enum Protocol {
    GRPC("grpc"),
    HTTP_PROTOBUF("http/protobuf");

    final String otelName;

    Protocol(String otelName) {
      this.otelName = otelName;
    }

    String endpoint(EngineProcess engine) {
      return "http://127.0.0.1:" + (this == GRPC ? engine.grpcPort : engine.ingestPort);
    }
  }

  final String name;
  final int port;
  private final Process process;
  private final Path log;

  private OtelAgentService(String name, int port, Process process, Path log) {
    this.name = name;
    this.port = port;
    this.process = process;
    this.log = log;
  }

  /** Starts the service on {@code port}; {@code downstream}, if given, is called on every request. */
  static OtelAgentService start(String name, int port, @Nullable String downstream, Protocol protocol,
      EngineProcess engine) throws IOException {
    Path agent = Path.of(System.getProperty("otel.javaagent.jar", "target/agent/opentelemetry-javaagent.jar"));
    if (!Files.isRegularFile(agent)) {
      throw new IllegalStateException("OpenTelemetry Java agent not found at " + agent.toAbsolutePath()
          + " (maven-dependency-plugin copies it in pre-integration-test)");
    }
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>(List.of(java.toString(), MAX_HEAP,
        "-javaagent:" + agent.toAbsolutePath(),
        "-cp", System.getProperty("java.class.path"),
        OtelDemoService.class.getName(), Integer.toString(port)));
    if (downstream != null) command.add(downstream);
    Path log = Files.createTempFile("otel-" + name, ".log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(key -> key.startsWith("OTEL_"));
    env.put("OTEL_SERVICE_NAME", name);
    env.put("OTEL_EXPORTER_OTLP_PROTOCOL", protocol.otelName);
    env.put("OTEL_EXPORTER_OTLP_ENDPOINT", protocol.endpoint(engine));
    env.put("OTEL_BSP_SCHEDULE_DELAY", SCHEDULE_DELAY_MILLIS);
    env.put("OTEL_METRICS_EXPORTER", "none");
    env.put("OTEL_LOGS_EXPORTER", "none");
    return new OtelAgentService(name, port, builder.start(), log);
  }

  /** Waits until the service printed that it listens; fails with its log if it died or took too long. */
  OtelAgentService awaitListening() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.readString(log).contains(OtelDemoService.LISTENING + port)) return this;
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + logText());
      }
      Thread.sleep(POLL_MILLIS);
    }
    throw new IllegalStateException(name + " not listening within " + START_TIMEOUT + ":\n" + logText());
  }

  String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  String logText() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }
  }
}
