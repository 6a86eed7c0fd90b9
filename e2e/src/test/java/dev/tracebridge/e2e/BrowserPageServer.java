package dev.tracebridge.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;

/**
 * Serves the test pages and the SDK bundles from the npm project on 127.0.0.1, on a port of its own,
 * so the page's origin differs from the backend's and the engine's as on a real site. No CDN: the
 * network is closed, and the files are the npm packages' own.
 */
final class BrowserPageServer implements AutoCloseable {
  /** The folders of the npm project a page may load from; nothing else in it is served. */
  static final List<String> SERVED = List.of("pages/", "dist/", "node_modules/@datadog/browser-rum/bundle/");
  private static final Map<String, String> CONTENT_TYPES = Map.of(
      ".html", "text/html; charset=utf-8", ".js", "text/javascript; charset=utf-8",
      ".map", "application/json");
  /** A page loads a few scripts at once; two threads serve them. */
  private static final int SERVER_THREADS = 2;
  private static final int OK = 200;
  private static final int NO_CONTENT = 204;
  private static final int NOT_FOUND = 404;

  private final HttpServer server;
  private final ExecutorService executor;
  private final Path root;

  private BrowserPageServer(HttpServer server, ExecutorService executor, Path root) {
    this.server = server;
    this.executor = executor;
    this.root = root;
  }

  static BrowserPageServer start(Path projectDir) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    ExecutorService executor = Executors.newFixedThreadPool(SERVER_THREADS);
    server.setExecutor(executor);
    BrowserPageServer pages = new BrowserPageServer(server, executor, projectDir.toAbsolutePath().normalize());
    server.createContext("/", pages::handle);
    server.start();
    return pages;
  }

  String origin() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange; InputStream body = exchange.getRequestBody()) {
      body.readAllBytes();
      String path = exchange.getRequestURI().getPath();
      if (path.equals("/favicon.ico")) {
        // Chromium asks for one on every page; a 404 would only add noise to the console we report.
        exchange.sendResponseHeaders(NO_CONTENT, -1);
        return;
      }
      Path file = servedFile(path);
      if (file == null) {
        exchange.sendResponseHeaders(NOT_FOUND, -1);
        return;
      }
      byte[] bytes = Files.readAllBytes(file);
      exchange.getResponseHeaders().set("Content-Type", contentType(file));
      exchange.sendResponseHeaders(OK, bytes.length);
      exchange.getResponseBody().write(bytes);
    }
  }

  /** The file a URL path names, when it lies in a served folder; null otherwise (no "../" escapes). */
  private @Nullable Path servedFile(String urlPath) {
    String relative = urlPath.startsWith("/") ? urlPath.substring(1) : urlPath;
    Path file = root.resolve(relative).normalize();
    for (String folder : SERVED) {
      if (file.startsWith(root.resolve(folder)) && Files.isRegularFile(file)) return file;
    }
    return null;
  }

  private static String contentType(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "application/octet-stream"
        : CONTENT_TYPES.getOrDefault(name.substring(dot), "application/octet-stream");
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
