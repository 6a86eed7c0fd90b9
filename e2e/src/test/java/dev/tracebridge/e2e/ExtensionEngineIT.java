package dev.tracebridge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Tracebridge browser extension (the unpacked {@code browser-extension/dist}) in headless Chromium
 * against the engine as a user runs it. {@code browser-extension/test/e2e/engine-roundtrip.mjs} drives
 * the browser: a page fetches and XHRs a backend that exports its own spans to the engine; the script
 * checks the headers the backend received, the engine's join and the DevTools panel, and prints a JSON
 * summary. This test asserts that summary and reads the joined traces through the API itself.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExtensionEngineIT {
  /** The script's watchdog ends a run after 150 s and closes the browser; past this, node itself hung. */
  private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(200);
  private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);
  /** What the script checks, in order; a run that skipped one would not list it. */
  private static final List<String> STEPS = List.of(
      "start the backend and the app page server",
      "launch Chromium with the extension from dist/",
      "configure the extension for the engine",
      "the page fetches and XHRs the backend",
      "the backend received traceparent and x-datadog-* headers",
      "the backend exported its spans to the engine",
      "leaving the page makes the extension deliver its events",
      "the engine joined each request to the backend span",
      "the DevTools panel shows each request linked, with its waterfall");
  private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-01");
  /** A 32-hex trace id's low 64 bits, the part Datadog's headers carry (REFERENCE.md §1), start here. */
  private static final int LOW_64_BITS_AT = 16;
  private static final String ZERO_HIGH_BITS = "0".repeat(LOW_64_BITS_AT);
  private static final int HEX_RADIX = 16;
  private static final int OK = 200;
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  // Static: an instance @TempDir is not yet injected when a PER_CLASS @BeforeAll runs.
  @TempDir static Path dataDir;
  private EngineProcess engine;
  private int exitCode;
  private String output;
  private JsonNode summary;

  @BeforeAll
  void runExtensionAgainstEngine() throws Exception {
    Path extension = Path.of(System.getProperty("tracebridge.root", "..")).toAbsolutePath()
        .resolve("browser-extension");
    // Checked before the engine's minute-long start, each failure saying how to fix it.
    assertThat(extension.resolve("dist/manifest.json"))
        .as("the unpacked extension; build it: mvn -B -q -pl browser-extension package").exists();
    assertThat(extension.resolve("node_modules/playwright-core"))
        .as("the extension's npm packages; install them: (cd browser-extension && npm ci)").exists();
    Path chromium = Path.of(Optional.ofNullable(System.getenv("TRACEBRIDGE_CHROMIUM")).orElse("/usr/bin/chromium"));
    assertThat(chromium).as("Chromium; install it: apt-get update && apt-get install -y chromium chromium-driver")
        .exists();

    engine = EngineProcess.start(dataDir.resolve("data"));
    int backendPort = EngineProcess.freePorts(1)[0];
    runScript(extension, List.of("node", "test/e2e/engine-roundtrip.mjs", "http://127.0.0.1:" + engine.ingestPort,
        "http://127.0.0.1:" + engine.apiPort, String.valueOf(backendPort)));
  }

  @AfterAll
  void stopEngine() throws Exception {
    if (engine != null) engine.close();
  }

  @Test
  void roundTripScript_passesEveryStepAndExitsZero() {
    assertThat(exitCode).as("exit code of engine-roundtrip.mjs; output:%n%s", output).isZero();
    assertThat(summary.path("ok").asBoolean()).as(output).isTrue();
    assertThat(summary.path("failure").isNull()).as(output).isTrue();
    List<String> passed = new ArrayList<>();
    summary.path("steps").forEach(step -> {
      if (step.path("ok").asBoolean()) passed.add(step.path("name").asString());
    });
    assertThat(passed).as(output).containsExactlyElementsOf(STEPS);
  }

  @Test
  void backend_receivedTraceparentAndDatadogHeadersOfOneContext() {
    List<JsonNode> requests = requests();
    assertThat(requests).as(output).extracting(r -> r.path("kind").asString()).containsExactly("fetch", "xhr");
    for (JsonNode request : requests) {
      Matcher traceparent = TRACEPARENT.matcher(request.path("traceparent").asString());
      assertThat(traceparent.matches()).as("a sampled traceparent; %s", output).isTrue();
      String traceId = traceparent.group(1);
      String spanId = traceparent.group(2);
      assertThat(request.path("traceId").asString()).as("what the backend continued").isEqualTo(traceId);
      // The extension's Datadog headers name the same trace: its low 64 bits and the same span, in decimal.
      assertThat(request.at("/datadog/traceId").asString()).isEqualTo(decimal(traceId.substring(LOW_64_BITS_AT)));
      assertThat(request.at("/datadog/parentId").asString()).isEqualTo(decimal(spanId));
      assertThat(request.at("/datadog/origin").asString()).isEqualTo("rum");
      assertThat(request.at("/datadog/samplingPriority").asString()).isEqualTo("1");
    }
  }

  @Test
  void engineApi_joinsEachBrowserRequestToTheBackendSpanThatContinuedIt() throws Exception {
    for (JsonNode request : requests()) {
      String traceId = request.path("traceId").asString();
      String browserSpanId = request.path("parentSpanId").asString();
      JsonNode trace = readTrace(traceId);
      String context = "trace " + traceId + ": " + trace;

      JsonNode server = find(trace, "spans", s -> s.path("spanId").asString()
          .equals(request.path("backendSpanId").asString())).orElseThrow(() -> new AssertionError(context));
      assertThat(server.path("kind").asString()).as(context).isEqualTo("SERVER");
      assertThat(server.path("service").asString()).as(context).isEqualTo(summary.path("backendService").asString());
      assertThat(server.path("parentSpanId").asString()).as(context).isEqualTo(browserSpanId);

      JsonNode resource = find(trace, "rum/resources", r -> r.path("url").asString()
          .equals(request.path("url").asString())).orElseThrow(() -> new AssertionError(context));
      assertThat(resource.path("eventId").asString()).as(context)
          .isEqualTo(request.at("/engine/resourceEventId").asString());
      assertThat(resource.path("type").asString()).as(context).isEqualTo(request.path("kind").asString());
      assertThat(resource.path("spanId").asString()).as(context).isEqualTo(browserSpanId);
      assertThat(resource.path("headerFormat").asString()).as(context).isEqualTo("w3c");
      assertThat(resource.at("/traceHeaders/traceparent").asString()).as(context)
          .isEqualTo(request.path("traceparent").asString());
      assertThat(resource.at("/traceHeaders/x-datadog-trace-id").asString()).as(context)
          .isEqualTo(request.at("/datadog/traceId").asString());
      assertThat(resource.path("propagation")).as(context).extracting(c -> c.path("format").asString())
          .containsExactlyInAnyOrder("w3c", "datadog");
      assertThat(resource.path("appId").asString()).as(context).isEqualTo("extension-e2e");
      assertThat(resource.at("/labels/test_session").asString()).as(context)
          .isEqualTo(summary.path("testSession").asString());

      JsonNode link = find(trace, "links", l -> l.path("resourceEventId").asString()
          .equals(resource.path("eventId").asString())).orElseThrow(() -> new AssertionError(context));
      assertThat(link.path("childSpanId").asString()).as(context).isEqualTo(server.path("spanId").asString());
      assertThat(link.path("propagatedSpanId").asString()).as(context).isEqualTo(browserSpanId);
      assertThat(link.path("match").asString()).as(context).isEqualTo("exact");
    }
  }

  /** A tester holding only the x-datadog-trace-id (decimal, low 64 bits) finds the same joined trace. */
  @Test
  void datadogDecimalTraceId_findsTheWholeJoinedTrace() throws Exception {
    for (JsonNode request : requests()) {
      String traceId = request.path("traceId").asString();
      JsonNode trace = readTrace(request.at("/datadog/traceId").asString());
      assertThat(trace.path("traceId").asString()).as(trace.toString()).isEqualTo(traceId);
      assertThat(trace.path("links")).as(trace.toString()).hasSize(1);
      JsonNode resource = trace.at("/rum/resources/0");
      assertThat(find(resource, "propagation", c -> c.path("format").asString().equals("datadog")))
          .as(trace.toString()).get().extracting(c -> c.path("traceId").asString())
          .isEqualTo(ZERO_HIGH_BITS + traceId.substring(LOW_64_BITS_AT));
    }
  }

  @Test
  void devtoolsPanel_showsEachRequestLinkedWithItsWaterfall() {
    for (JsonNode request : requests()) {
      JsonNode panel = request.path("panel");
      assertThat(panel.path("verdict").asString()).as(output).isEqualTo("linked");
      assertThat(panel.path("headersBy").asString()).as(output).isEqualTo("injected");
      List<String> bars = new ArrayList<>();
      panel.path("bars").forEach(bar -> bars.add(bar.path("key").asString()));
      assertThat(bars).as("browser request, backend span, its query; %s", panel).containsExactly(
          request.at("/engine/resourceEventId").asString(), request.path("backendSpanId").asString(),
          request.path("querySpanId").asString());
      assertThat(panel.path("viewerHref").asString()).as(output)
          .isEqualTo("http://127.0.0.1:" + engine.apiPort + "/#/traces/" + request.path("traceId").asString());
    }
    assertThat(requests().get(0).at("/panel/errorOrigin").isNull()).as("nothing failed behind the fetch; %s", output)
        .isTrue();
    assertThat(requests().get(1).at("/panel/errorOrigin").asString()).as("the XHR's failed insert; %s", output)
        .contains("INSERT orders");
  }

  /** Runs the script in the extension's directory, so node finds its playwright-core. */
  private void runScript(Path extension, List<String> command) throws Exception {
    Path stdout = Files.createTempFile("extension-e2e", ".out");
    Path stderr = Files.createTempFile("extension-e2e", ".err");
    Process process = new ProcessBuilder(command).directory(extension.toFile())
        .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
    try {
      boolean finished = process.waitFor(SCRIPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      output = "stdout:\n" + Files.readString(stdout, StandardCharsets.UTF_8)
          + "\nstderr:\n" + Files.readString(stderr, StandardCharsets.UTF_8);
      assertThat(finished).as("engine-roundtrip.mjs finished within %s; %s", SCRIPT_TIMEOUT, output).isTrue();
      exitCode = process.exitValue();
      String lastLine = Files.readString(stdout, StandardCharsets.UTF_8).strip().lines()
          .reduce((first, second) -> second).orElse("");
      assertThat(lastLine).as("a JSON summary as the last line; %s", output).startsWith("{");
      summary = JSON.readTree(lastLine);
    } finally {
      // Chromium is the script's child; neither may outlive the test, whatever happened.
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor(KILL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      Files.deleteIfExists(stdout);
      Files.deleteIfExists(stderr);
    }
  }

  private List<JsonNode> requests() {
    List<JsonNode> requests = new ArrayList<>();
    summary.path("requests").forEach(requests::add);
    assertThat(requests).as("requests in the summary; %s", output).hasSize(2);
    return requests;
  }

  private JsonNode readTrace(String id) throws Exception {
    HttpResponse<String> response = engine.get("/api/v1/traces/" + id);
    assertThat(response.statusCode()).as("GET /api/v1/traces/%s: %s", id, response.body()).isEqualTo(OK);
    return JSON.readTree(response.body());
  }

  private static Optional<JsonNode> find(JsonNode node, String path, Predicate<JsonNode> matches) {
    return StreamSupport.stream(node.at("/" + path).spliterator(), false).filter(matches).findFirst();
  }

  private static String decimal(String hex) {
    return new BigInteger(hex, HEX_RADIX).toString();
  }
}
