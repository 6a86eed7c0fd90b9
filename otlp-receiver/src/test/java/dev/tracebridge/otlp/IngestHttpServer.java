package dev.tracebridge.otlp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tracebridge.core.ingest.IngestEndpoint;
import dev.tracebridge.core.ingest.IngestRequest;
import dev.tracebridge.core.ingest.IngestResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A tiny JDK HTTP server that hands requests to an {@link IngestEndpoint}, as the api module does, so
 * real HTTP clients (the OpenTelemetry SDK exporter) can be pointed at an endpoint in a test.
 */
final class IngestHttpServer implements AutoCloseable {
  private static final int ANSWER_TIMEOUT_SECONDS = 30;

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(2);

  IngestHttpServer(IngestEndpoint endpoint) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(executor);
    server.createContext(endpoint.path(), exchange -> forward(endpoint, exchange));
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private static void forward(IngestEndpoint endpoint, HttpExchange exchange) throws IOException {
    try (exchange) {
      Map<String, String> headers = new HashMap<>();
      exchange.getRequestHeaders().forEach((name, values) ->
          headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
      byte[] body = exchange.getRequestBody().readAllBytes();
      IngestResponse response;
      try {
        response = endpoint.handle(new IngestRequest(exchange.getRequestMethod(),
            exchange.getRequestURI().getPath(), Map.of(), headers, body))
            .toCompletableFuture().get(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      } catch (Exception e) {
        exchange.sendResponseHeaders(599, -1);
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", response.contentType());
      response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
      exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1
          : response.body().length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(response.body());
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
