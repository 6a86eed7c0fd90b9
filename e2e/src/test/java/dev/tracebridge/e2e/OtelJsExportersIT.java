package dev.tracebridge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenTelemetry JS OTLP exporters from npm (exact versions in
 * {@code src/test/js/otlp-exporters/package-lock.json}: gRPC, HTTP/protobuf and HTTP/JSON) run under Node,
 * each exporting a small trace that continues a browser request. The script exits 0 only when the
 * engine acknowledged the export; the trace and its join to the browser are then read through the API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OtelJsExportersIT {
  /** npm ci of the pinned packages; mostly download time. */
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(4);
  /** The script's own watchdog ends it after 25 s; this only catches a Node that does not start. */
  private static final Duration EXPORT_TIMEOUT = Duration.ofSeconds(60);
  private static final List<String> PROJECT_FILES =
      List.of("package.json", "package-lock.json", ".npmrc", "export-trace.mjs");
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private EngineProcess engine;
  private OtelTraces traces;
  private Path project;

  @BeforeAll
  void installExportersAndStartEngine(@TempDir Path dataDir) throws Exception {
    project = copyProject();
    run(List.of("npm", "ci", "--no-audit", "--no-fund"), INSTALL_TIMEOUT, "npm ci");
    engine = EngineProcess.start(dataDir.resolve("data"));
    traces = new OtelTraces(engine);
  }

  @AfterAll
  void stopEngine() throws Exception {
    if (engine != null) engine.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"grpc", "proto", "http"})
  void jsExporter_traceStoredWholeAndJoinedToTheBrowser(String exporter) throws Exception {
    String traceId = OtelTraces.traceId();
    String browserSpanId = OtelTraces.spanId();
    String endpoint = exporter.equals("grpc") ? "http://127.0.0.1:" + engine.grpcPort
        : "http://127.0.0.1:" + engine.ingestPort + "/v1/traces";
    String service = "stock-js-" + exporter;

    String printed = run(List.of("node", "export-trace.mjs", exporter, endpoint, traceId, browserSpanId,
        service), EXPORT_TIMEOUT, "export with " + exporter);
    JsonNode ids = JSON.readTree(printed.lines().reduce((first, second) -> second).orElse("{}"));
    String eventId = traces.postBrowserResource("https://api.shop.example/api/stock", traceId, browserSpanId);

    // Both were acknowledged, which means durable: the joined trace is there at once, without a wait.
    JsonNode trace = traces.read(traceId);
    assertThat(trace.get("spans")).hasSize(2);
    JsonNode server = OtelTraces.span(trace, service, "SERVER");
    JsonNode query = OtelTraces.span(trace, service, "CLIENT");
    assertThat(server.get("spanId").asString()).isEqualTo(ids.get("server").asString());
    assertThat(server.get("parentSpanId").asString()).isEqualTo(browserSpanId);
    assertThat(server.at("/attributes/http.response.status_code").asLong()).isEqualTo(200);
    assertThat(query.get("spanId").asString()).isEqualTo(ids.get("query").asString());
    assertThat(query.get("parentSpanId").asString()).isEqualTo(server.get("spanId").asString());
    assertThat(query.at("/status/code").asString()).isEqualTo("ERROR");
    assertThat(query.at("/status/message").asString()).isEqualTo("lock timeout");
    assertThat(trace.at("/links/0/resourceEventId").asString()).isEqualTo(eventId);
    assertThat(trace.at("/links/0/childSpanId").asString()).isEqualTo(server.get("spanId").asString());
  }

  /** npm ci runs in target/, so the source tree never gets a node_modules. */
  private static Path copyProject() throws IOException {
    Path source = Path.of(System.getProperty("otel.js.project", "src/test/js/otlp-exporters"));
    Path target = Path.of(System.getProperty("otel.js.workdir", "target/otlp-exporters"));
    Files.createDirectories(target);
    for (String file : PROJECT_FILES) {
      Files.copy(source.resolve(file), target.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }
    return target;
  }

  /** Runs a command in the project; fails with its output when it times out or exits non-zero. */
  private String run(List<String> command, Duration timeout, String what) throws Exception {
    Path output = Files.createTempFile("otel-js", ".log");
    Process process = new ProcessBuilder(command).directory(project.toFile())
        .redirectErrorStream(true).redirectOutput(output.toFile()).start();
    try {
      if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        throw new AssertionError(what + " did not finish within " + timeout + ":\n" + Files.readString(output));
      }
      String printed = Files.readString(output);
      assertThat(process.exitValue()).as("%s exit code; output:%n%s", what, printed).isZero();
      return printed;
    } finally {
      // npm and node may have started children of their own; none may outlive the test.
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
    }
  }
}
