package dev.tracebridge.api.ingest;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.api.selfmetrics.EngineMetrics;
import dev.tracebridge.api.selfmetrics.RejectReason;
import dev.tracebridge.core.ingest.IngestEndpoint;
import dev.tracebridge.core.ingest.IngestRequest;
import dev.tracebridge.core.ingest.IngestResponse;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest port's front door. It answers CORS, checks the ingest key and the per-client rate
 * ({@link IngestGate}), enforces the body limit (413 before anything is decoded), and hands the request
 * to the receiver endpoint registered for its path (for a key bound to an app, that app's endpoint).
 * The response is written only when the endpoint's stage completes, i.e. after the store acknowledged
 * or refused. Every answer is counted in the engine's metrics; a refusal by the per-client span limit,
 * which the endpoint decides once the body is decoded, under its own reason.
 */
public final class IngestServlet extends HttpServlet {
  private static final Logger log = LoggerFactory.getLogger(IngestServlet.class);
  /** Longer than any store timeout, so a request is answered by the store's verdict, not by this. */
  private static final long ASYNC_TIMEOUT_MILLIS = TimeUnit.SECONDS.toMillis(60);
  private static final int READ_CHUNK = 16 * 1024;
  /** The metrics' protocol label for everything on the ingest HTTP port. */
  static final String PROTOCOL = "http";
  private static final String UNAUTHORIZED_CHALLENGE = "Bearer realm=\"tracebridge-ingest\"";
  private static final long MILLIS_PER_SECOND = 1_000;

  private final Map<String, IngestEndpoint> endpoints;
  /** Per app, the endpoints that serve requests whose key is bound to that app. */
  private final Map<String, Map<String, IngestEndpoint>> boundEndpoints;
  private final IngestCors cors;
  private final long maxBodyBytes;
  private final IngestGate gate;
  private final Set<String> rateLimitedPaths;
  private final EngineMetrics metrics;

  /**
   * @param boundEndpoints per app a key is bound to, endpoints that refuse other apps' data; a path
   *     missing there is served by {@code endpoints}
   * @param rateLimitedPaths paths that take part in the per-client request rate limit
   */
  public IngestServlet(List<IngestEndpoint> endpoints, Map<String, List<IngestEndpoint>> boundEndpoints,
      IngestCors cors, long maxBodyBytes, IngestGate gate, Set<String> rateLimitedPaths, EngineMetrics metrics) {
    this.endpoints = byPath(endpoints);
    Map<String, Map<String, IngestEndpoint>> bound = new HashMap<>();
    boundEndpoints.forEach((app, list) -> bound.put(app, byPath(list)));
    this.boundEndpoints = Map.copyOf(bound);
    this.cors = requireNonNull(cors, "cors");
    this.maxBodyBytes = maxBodyBytes;
    this.gate = requireNonNull(gate, "gate");
    this.rateLimitedPaths = Set.copyOf(rateLimitedPaths);
    this.metrics = requireNonNull(metrics, "metrics");
  }

  private static Map<String, IngestEndpoint> byPath(List<IngestEndpoint> endpoints) {
    Map<String, IngestEndpoint> byPath = new HashMap<>();
    for (IngestEndpoint endpoint : endpoints) {
      if (byPath.put(endpoint.path(), endpoint) != null) {
        throw new IllegalArgumentException("endpoints: two for " + endpoint.path());
      }
    }
    return Map.copyOf(byPath);
  }

  public boolean handles(String path) {
    return endpoints.containsKey(path);
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String path = req.getRequestURI();
    IngestEndpoint endpoint = endpoints.get(path);
    if (endpoint == null) {
      refuse(resp, EngineMetrics.UNKNOWN_ENDPOINT, 404, "Not Found", "no ingest endpoint at " + path
          + "; known: " + endpoints.keySet().stream().sorted().toList());
      return;
    }
    cors.applyTo(req, resp);
    if ("OPTIONS".equals(req.getMethod())) {
      // A preflight carries no credentials or custom headers: it is answered before the key check.
      cors.answerPreflight(req, resp);
      return;
    }
    if (!"POST".equals(req.getMethod())) {
      resp.setHeader("Allow", "POST, OPTIONS");
      refuse(resp, path, 405, "Method Not Allowed", path + " accepts POST only");
      return;
    }
    Map<String, String> headers = headers(req);
    Map<String, String> query = queryParameters(req.getQueryString());
    Admission admission = gate.admit(PresentedKey.from(headers, query), req.getRemoteAddr(),
        rateLimitedPaths.contains(path));
    if (admission instanceof Admission.Unauthenticated refused) {
      resp.setHeader("WWW-Authenticate", UNAUTHORIZED_CHALLENGE);
      refuse(resp, path, 401, "Unauthorized", refused.detail());
      return;
    }
    if (admission instanceof Admission.RateLimited limited) {
      resp.setHeader("Retry-After", Long.toString(retryAfterSeconds(limited.retryAfter())));
      writeProblem(resp, 429, "Too Many Requests", limited.detail());
      metrics.answered(path, PROTOCOL, "429");
      metrics.rejected(RejectReason.CLIENT_RATE_LIMITED, 1);
      return;
    }
    Admission.Admitted admitted = (Admission.Admitted) admission;
    String boundApp = admitted.boundApp();
    if (boundApp != null) {
      endpoint = boundEndpoints.getOrDefault(boundApp, Map.of()).getOrDefault(path, endpoint);
    }
    if (req.getContentLengthLong() > maxBodyBytes) {
      refuse(resp, path, 413, "Content Too Large", tooLarge());
      return;
    }
    byte[] body = readBody(req.getInputStream());
    if (body == null) {
      refuse(resp, path, 413, "Content Too Large", tooLarge());
      return;
    }
    IngestRequest request = new IngestRequest(req.getMethod(), path, query, headers, body);
    AsyncContext async = req.startAsync();
    async.setTimeout(ASYNC_TIMEOUT_MILLIS);
    ClientSpanBudget spanBudget = admitted.spanBudget();
    endpoint.handle(request, spanBudget).whenComplete((response, failure) -> {
      try {
        HttpServletResponse out = (HttpServletResponse) async.getResponse();
        if (failure != null) {
          // Endpoints map refusals themselves; reaching here is our bug, but the client's data is
          // not stored, so it must hear a retryable answer rather than a 500.
          log.error("ingest endpoint {} failed unexpectedly", path, failure);
          out.setHeader("Retry-After", "5");
          refuse(out, path, 503, "Service Unavailable", "the request was not stored; retry later");
        } else {
          count(path, response.status(), spanBudget.refused() ? RejectReason.CLIENT_SPAN_RATE_LIMITED
              : RejectReason.forHttpStatus(response.status()));
          write(out, response);
        }
      } catch (IOException | RuntimeException e) {
        log.debug("client went away before the answer to {} was written", path, e);
      } finally {
        async.complete();
      }
    });
  }

  private void refuse(HttpServletResponse resp, String endpoint, int status, String title, String detail)
      throws IOException {
    count(endpoint, status);
    writeProblem(resp, status, title, detail);
  }

  private void count(String endpoint, int status) {
    count(endpoint, status, RejectReason.forHttpStatus(status));
  }

  /** @param reason why the request was refused; null for a success */
  private void count(String endpoint, int status, @Nullable String reason) {
    metrics.answered(endpoint, PROTOCOL, Integer.toString(status));
    if (reason != null) metrics.rejected(reason, 1);
  }

  /** Whole seconds, at least one: Retry-After has no fractions, and 0 would invite a tight retry loop. */
  private static long retryAfterSeconds(Duration wait) {
    return Math.max(1, (wait.toMillis() + MILLIS_PER_SECOND - 1) / MILLIS_PER_SECOND);
  }

  private String tooLarge() {
    return "request body is larger than " + maxBodyBytes + " bytes (tracebridge.ingest.max-body-size)";
  }

  /** Reads at most maxBodyBytes; null when the body is larger (chunked bodies carry no length). */
  private byte[] readBody(InputStream in) throws IOException {
    var out = new java.io.ByteArrayOutputStream();
    byte[] chunk = new byte[READ_CHUNK];
    long total = 0;
    int n;
    while ((n = in.read(chunk)) > 0) {
      total += n;
      if (total > maxBodyBytes) return null;
      out.write(chunk, 0, n);
    }
    return out.toByteArray();
  }

  private static Map<String, String> headers(HttpServletRequest req) {
    Map<String, String> headers = new HashMap<>();
    for (String name : Collections.list(req.getHeaderNames())) {
      headers.putIfAbsent(name.toLowerCase(Locale.ROOT), req.getHeader(name));
    }
    return headers;
  }

  static Map<String, String> queryParameters(String query) {
    if (query == null || query.isEmpty()) return Map.of();
    Map<String, String> params = new HashMap<>();
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) continue;
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      params.putIfAbsent(name, value);
    }
    return params;
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformedEscape) {
      return text;
    }
  }

  private static void write(HttpServletResponse out, IngestResponse response) throws IOException {
    out.setStatus(response.status());
    response.headers().forEach(out::setHeader);
    out.setContentType(response.contentType());
    out.setContentLength(response.body().length);
    out.getOutputStream().write(response.body());
  }

  static void writeProblem(HttpServletResponse out, int status, String title, String detail)
      throws IOException {
    out.setStatus(status);
    out.setContentType("application/problem+json");
    byte[] body = ("{\"type\":\"about:blank\",\"title\":" + jsonString(title) + ",\"status\":" + status
        + ",\"detail\":" + jsonString(detail) + "}").getBytes(StandardCharsets.UTF_8);
    out.setContentLength(body.length);
    out.getOutputStream().write(body);
  }

  static String jsonString(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
          else out.append(c);
        }
      }
    }
    return out.append('"').toString();
  }
}
