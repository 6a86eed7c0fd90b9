package dev.tracebridge.e2e;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * One visit of a test page in headless Chromium, through the npm project's {@code drive.js}: the page
 * runs its calls, the browser leaves it (which flushes the SDK) and reports what happened, then stays
 * open until {@link #close()} so that beacons sent while the page unloaded can still land while the
 * test reads the engine. One browser at a time: each takes ~1.2 GiB (REFERENCE.md §5).
 */
final class BrowserVisit implements AutoCloseable {
  /** How long the page gets to load its SDK and finish its calls; drive.js bounds each step by it. */
  static final Duration PAGE_TIMEOUT = Duration.ofSeconds(30);
  /** Page load, calls, any awaited intake posts and leaving the page, with room for a slow start. */
  private static final Duration REPORT_TIMEOUT = Duration.ofSeconds(90);
  /** drive.js closes the browser by itself this long after reporting, should this JVM never say so. */
  private static final Duration LINGER_LIMIT = Duration.ofMinutes(5);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(20);
  private static final long POLL_MILLIS = 100;
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final Process process;
  private final Path stdout;
  private final Path stderr;
  private final JsonNode report;

  private BrowserVisit(Process process, Path stdout, Path stderr, JsonNode report) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
    this.report = report;
  }

  /**
   * Opens {@code page} and returns once the browser has left it again.
   *
   * @param intakeOrigin the engine's ingest origin, whose posts the report lists
   * @param awaitIntake texts of intake post bodies to wait for before leaving the page
   */
  static BrowserVisit open(BrowserSdkProject project, URI page, String intakeOrigin, List<String> awaitIntake)
      throws IOException, InterruptedException {
    requireNonNull(page, "page");
    List<String> command = new ArrayList<>(List.of("node", "drive.js", "--page=" + page,
        "--intake=" + intakeOrigin, "--timeout-ms=" + PAGE_TIMEOUT.toMillis(),
        "--linger-ms=" + LINGER_LIMIT.toMillis()));
    for (String text : awaitIntake) command.add("--await-intake=" + text);
    Path stdout = Files.createTempFile("tracebridge-browser", ".out");
    Path stderr = Files.createTempFile("tracebridge-browser", ".err");
    Process process = new ProcessBuilder(command).directory(project.dir.toFile())
        .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
    try {
      return new BrowserVisit(process, stdout, stderr, awaitReport(process, stdout, stderr));
    } catch (IOException | InterruptedException | RuntimeException e) {
      stop(process);
      throw e;
    }
  }

  private static JsonNode awaitReport(Process process, Path stdout, Path stderr)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + REPORT_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      String out = Files.readString(stdout, StandardCharsets.UTF_8);
      int end = out.indexOf('\n');
      if (end >= 0) return JSON.readTree(out.substring(0, end));
      if (!process.isAlive()) {
        throw new IllegalStateException("drive.js exited with " + process.exitValue() + " before reporting:\n"
            + Files.readString(stderr, StandardCharsets.UTF_8));
      }
      Thread.sleep(POLL_MILLIS);
    }
    throw new IllegalStateException("drive.js reported nothing within " + REPORT_TIMEOUT + ":\n"
        + Files.readString(stderr, StandardCharsets.UTF_8));
  }

  /** What the page published as {@code window.tracebridgeResult}: its calls and their statuses. */
  JsonNode pageResult() {
    return report.path("result");
  }

  /** The status the page saw for its call to {@code url}; fails when it made no such call. */
  int callStatus(String url) {
    for (JsonNode call : pageResult().path("calls")) {
      if (call.path("url").asString().equals(url)) return call.path("status").asInt();
    }
    throw new AssertionError("the page made no call to " + url + ": " + report);
  }

  /** The posts to the intake DevTools saw ({@code url}, {@code status}, {@code bytes}); beacons are not. */
  List<JsonNode> intakePosts() {
    List<JsonNode> posts = new ArrayList<>();
    report.path("intakePosts").forEach(posts::add);
    return posts;
  }

  /** The whole report, for assertion messages. */
  String describe() {
    return report.toString();
  }

  /** Closes the browser: drive.js closes it when its stdin ends. */
  @Override
  public void close() throws IOException, InterruptedException {
    try {
      stop(process);
    } finally {
      Files.deleteIfExists(stdout);
      Files.deleteIfExists(stderr);
    }
  }

  private static void stop(Process process) throws InterruptedException {
    try {
      process.getOutputStream().close();
    } catch (IOException alreadyGone) {
      // The process ended; there is no stdin left to close.
    }
    if (!process.waitFor(CLOSE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor(CLOSE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }
  }
}
