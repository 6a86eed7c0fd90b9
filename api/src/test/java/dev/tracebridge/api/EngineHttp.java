package dev.tracebridge.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Talks to a test engine's two ports the way clients do: plain HTTP, JSON bodies. */
public final class EngineHttp {
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private final HttpClient http = HttpClient.newHttpClient();
  private final int apiPort;
  private final int ingestPort;

  public EngineHttp(int apiPort, int ingestPort) {
    this.apiPort = apiPort;
    this.ingestPort = ingestPort;
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Posts the trace's RUM events and spans to the ingest port; both must be acknowledged. */
  public void ingest(CheckoutTrace trace) {
    HttpResponse<String> rum = send(ingestPort, "POST", "/v1/rum", trace.rumJson(), Map.of());
    assertThat(rum.statusCode()).as(rum.body()).isEqualTo(202);
    HttpResponse<String> spans = send(ingestPort, "POST", "/v1/traces", trace.otlpJson(), Map.of());
    assertThat(spans.statusCode()).as(spans.body()).isEqualTo(200);
  }

  public HttpResponse<String> get(String path) {
    return send(apiPort, "GET", path, null, Map.of());
  }

  /** Any method on the API port, without a body. */
  public HttpResponse<String> send(String method, String path) {
    return send(apiPort, method, path, null, Map.of());
  }

  public HttpResponse<String> get(String path, Map<String, String> headers) {
    return send(apiPort, "GET", path, null, headers);
  }

  /** GETs a path that must answer 200 and parses its JSON. */
  public JsonNode json(String path) {
    HttpResponse<String> response = get(path);
    assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(200);
    return parse(response.body());
  }

  public static JsonNode parse(String body) {
    return JSON.readTree(body);
  }

  public String apiBase() {
    return "http://127.0.0.1:" + apiPort;
  }

  public String ingestBase() {
    return "http://127.0.0.1:" + ingestPort;
  }

  private HttpResponse<String> send(int port, String method, String path, String body, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json");
    headers.forEach(request::header);
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
