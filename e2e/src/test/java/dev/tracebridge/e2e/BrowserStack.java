package dev.tracebridge.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Everything a browser test needs, started once and shared by every {@code Browser*IT} class (see
 * {@link BrowserStackExtension}): the engine as a user runs it, the test backend exporting to it, the
 * page server, and the built npm project. Each test class visits its page with a run id of its own, so
 * the classes never read each other's requests or traces.
 */
final class BrowserStack implements AutoCloseable {
  private static final SecureRandom RANDOM = new SecureRandom();
  /** 8 random bytes: run ids of different visits never meet within a test run. */
  private static final int RUN_ID_BYTES = 8;

  final EngineProcess engine;
  final BrowserTestBackend backend;
  final BrowserSdkProject project;
  private final BrowserPageServer pages;
  private final Path dataDir;

  private BrowserStack(EngineProcess engine, BrowserTestBackend backend, BrowserPageServer pages,
      BrowserSdkProject project, Path dataDir) {
    this.engine = engine;
    this.backend = backend;
    this.pages = pages;
    this.project = project;
    this.dataDir = dataDir;
  }

  static BrowserStack start() throws Exception {
    // npm first: a broken install fails in seconds, before the engine's minute-long start.
    BrowserSdkProject project = BrowserSdkProject.prepare();
    Path dataDir = Files.createTempDirectory("tracebridge-browser-e2e");
    EngineProcess engine = null;
    BrowserTestBackend backend = null;
    try {
      engine = EngineProcess.start(dataDir.resolve("data"));
      backend = BrowserTestBackend.start(engine.ingestPort);
      BrowserPageServer pages = BrowserPageServer.start(project.dir);
      return new BrowserStack(engine, backend, pages, project, dataDir);
    } catch (Exception | Error e) {
      // The engine is a process of its own: left running, it would outlive this JVM.
      if (backend != null) backend.close();
      if (engine != null) engine.close();
      deleteRecursively(dataDir);
      throw e;
    }
  }

  /** A fresh id for one visit; the page puts it in every backend path it calls. */
  static String newRunId() {
    byte[] bytes = new byte[RUN_ID_BYTES];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  String ingestOrigin() {
    return "http://127.0.0.1:" + engine.ingestPort;
  }

  /** Opens {@code pages/<page>} for run {@code runId} and returns once the browser has left it again. */
  BrowserVisit visit(String page, String runId, List<String> awaitIntake) throws Exception {
    URI uri = URI.create(pages.origin() + "/pages/" + page + "?api=" + encode(backend.origin())
        + "&intake=" + encode(ingestOrigin()) + "&run=" + runId);
    return BrowserVisit.open(project, uri, ingestOrigin(), awaitIntake);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws Exception {
    try (engine; backend; pages) {
      // Closed in reverse order: nothing posts to the engine once it stops.
    } finally {
      deleteRecursively(dataDir);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) return;
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(path);
    }
  }
}
