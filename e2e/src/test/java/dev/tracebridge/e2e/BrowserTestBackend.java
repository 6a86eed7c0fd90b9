package dev.tracebridge.e2e;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.extension.trace.propagation.B3Propagator;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The backend the test pages call: an HTTP API on 127.0.0.1 that records a server span per request
 * with the real OpenTelemetry Java SDK, continuing the browser's trace, and exports it over OTLP/HTTP
 * to the engine — what a service instrumented with OpenTelemetry does. It records what each request
 * carried, so a test asks the engine for the trace the backend actually received.
 */
final class BrowserTestBackend implements AutoCloseable {
  static final String SERVICE_NAME = "shop-api";
  static final String API_PREFIX = "/api/";
  /**
   * Every header the browser SDKs inject. A traced cross-origin request is preflighted, and a header
   * missing here makes the page's own request fail (REFERENCE.md §3); Datadog RUM 7 adds baggage.
   */
  static final String ALLOWED_HEADERS = String.join(", ", "traceparent", "tracestate", "baggage",
      "b3", "x-b3-traceid", "x-b3-spanid", "x-b3-parentspanid", "x-b3-sampled", "x-b3-flags",
      BrowserDatadogPropagator.TRACE_ID, BrowserDatadogPropagator.PARENT_ID,
      BrowserDatadogPropagator.SAMPLING_PRIORITY, BrowserDatadogPropagator.TAGS, "x-datadog-origin",
      "content-type");
  /** A page makes a few calls at a time; a handful of threads serve them without queueing. */
  private static final int SERVER_THREADS = 4;
  /** Browsers cap a cached preflight at 2 hours anyway; a test run is far shorter. */
  private static final String PREFLIGHT_MAX_AGE_SECONDS = "7200";
  private static final int OK = 200;
  private static final int NO_CONTENT = 204;
  private static final int NOT_FOUND = 404;
  private static final long SHUTDOWN_SECONDS = 10;
  private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
  private static final AttributeKey<String> PATH = AttributeKey.stringKey("url.path");
  private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");

  /**
   * Extraction order matters: each propagator that finds its headers replaces what an earlier one
   * extracted (REFERENCE.md §2). Datadog comes first, so a request that also carries W3C or B3 headers
   * is continued from those, as an OpenTelemetry backend would; Datadog's decides only when it is alone.
   */
  private static final TextMapPropagator PROPAGATOR = TextMapPropagator.composite(
      new BrowserDatadogPropagator(), B3Propagator.injectingMultiHeaders(),
      B3Propagator.injectingSingleHeader(), W3CTraceContextPropagator.getInstance());

  /** The JDK server's headers are case-insensitive, as every propagator's lookups need. */
  private static final TextMapGetter<Headers> HEADERS =
      (carrier, key) -> carrier == null ? null : carrier.getFirst(key);

  private final HttpServer server;
  private final ExecutorService executor;
  private final SdkTracerProvider tracerProvider;
  private final Tracer tracer;
  private final List<BrowserBackendRequest> requests = new CopyOnWriteArrayList<>();

  private BrowserTestBackend(HttpServer server, ExecutorService executor, SdkTracerProvider provider) {
    this.server = server;
    this.executor = executor;
    this.tracerProvider = provider;
    this.tracer = provider.get("tracebridge-e2e-backend");
  }

  /** Starts the backend on a free loopback port, exporting its spans to the engine's ingest port. */
  static BrowserTestBackend start(int engineIngestPort) throws IOException {
    SdkTracerProvider provider = SdkTracerProvider.builder()
        .setResource(Resource.getDefault().merge(Resource.create(
            Attributes.of(AttributeKey.stringKey("service.name"), SERVICE_NAME))))
        .addSpanProcessor(SimpleSpanProcessor.create(OtlpHttpSpanExporter.builder()
            .setEndpoint("http://127.0.0.1:" + engineIngestPort + "/v1/traces").build()))
        .build();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    ExecutorService executor = Executors.newFixedThreadPool(SERVER_THREADS);
    server.setExecutor(executor);
    BrowserTestBackend backend = new BrowserTestBackend(server, executor, provider);
    server.createContext("/", backend::handle);
    server.start();
    return backend;
  }

  /** The origin pages call, e.g. {@code http://127.0.0.1:41234}. */
  String origin() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The requests whose path starts with {@code pathPrefix}, in arrival order. */
  List<BrowserBackendRequest> requests(String pathPrefix) {
    return requests.stream().filter(r -> r.path().startsWith(pathPrefix)).toList();
  }

  /** The one request to {@code path}; fails when there is none or more than one. */
  BrowserBackendRequest request(String method, String path) {
    List<BrowserBackendRequest> found = requests.stream()
        .filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
    if (found.size() != 1) {
      throw new AssertionError("expected one " + method + " " + path + " at the backend, got " + found
          + "; all requests: " + requests);
    }
    return found.get(0);
  }

  /** Waits until every span ended so far was exported, and says whether the engine accepted them all. */
  boolean flush() {
    CompletableResultCode flushed = tracerProvider.forceFlush().join(SHUTDOWN_SECONDS, TimeUnit.SECONDS);
    return flushed.isSuccess();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange; InputStream body = exchange.getRequestBody()) {
      body.readAllBytes();
      Headers response = exchange.getResponseHeaders();
      response.set("Access-Control-Allow-Origin", "*");
      // Lets the page's Resource Timing see requestStart/responseStart (REFERENCE.md §3).
      response.set("Timing-Allow-Origin", "*");
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      if (method.equals("OPTIONS")) {
        // A preflight is not the page's request: an instrumented backend records it as a root span of
        // its own (REFERENCE.md §2) that no RUM event ever points at. This backend records none.
        response.set("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
        response.set("Access-Control-Allow-Headers", ALLOWED_HEADERS);
        response.set("Access-Control-Max-Age", PREFLIGHT_MAX_AGE_SECONDS);
        exchange.sendResponseHeaders(NO_CONTENT, -1);
        return;
      }
      if (!path.startsWith(API_PREFIX)) {
        respond(exchange, NOT_FOUND, "{\"title\":\"Not Found\",\"status\":404}");
        return;
      }
      serve(exchange, method, path);
    }
  }

  private void serve(HttpExchange exchange, String method, String path) throws IOException {
    Context incoming = PROPAGATOR.extract(Context.root(), exchange.getRequestHeaders(), HEADERS);
    SpanContext parent = Span.fromContext(incoming).getSpanContext();
    Span span = tracer.spanBuilder(method + " " + path).setSpanKind(SpanKind.SERVER).setParent(incoming)
        .setAllAttributes(Attributes.of(METHOD, method, PATH, path)).startSpan();
    try {
      SpanContext own = span.getSpanContext();
      // Recorded before answering: when the page sees the response, the test sees the request.
      requests.add(new BrowserBackendRequest(method, path, lowerCased(exchange.getRequestHeaders()),
          own.getTraceId(), own.getSpanId(), parent.isValid() ? parent.getSpanId() : null));
      span.setAttribute(STATUS, (long) OK);
      respond(exchange, OK, "{\"traceId\":\"" + own.getTraceId() + "\"}");
    } finally {
      span.end();
    }
  }

  private static void respond(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private static Map<String, String> lowerCased(Headers headers) {
    Map<String, String> out = new HashMap<>();
    headers.forEach((name, values) -> out.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
    return out;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    tracerProvider.shutdown().join(SHUTDOWN_SECONDS, TimeUnit.SECONDS);
  }
}
