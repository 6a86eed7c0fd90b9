package dev.tracebridge.api.ingest;

import static java.util.Objects.requireNonNull;

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
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest port's front door. It answers CORS, enforces the body limit (413 before anything is
 * decoded), and hands the request to the receiver endpoint registered for its path. The response is
 * written only when the endpoint's stage completes, i.e. after the store acknowledged or refused.
 */
public final class IngestServlet extends HttpServlet {
  private static final Logger log = LoggerFactory.getLogger(IngestServlet.class);
  /** Longer than any store timeout, so a request is answered by the store's verdict, not by this. */
  private static final long ASYNC_TIMEOUT_MILLIS = TimeUnit.SECONDS.toMillis(60);
  private static final int READ_CHUNK = 16 * 1024;

  private final Map<String, IngestEndpoint> endpoints;
  private final IngestCors cors;
  private final long maxBodyBytes;

  public IngestServlet(List<IngestEndpoint> endpoints, IngestCors cors, long maxBodyBytes) {
    Map<String, IngestEndpoint> byPath = new HashMap<>();
    for (IngestEndpoint endpoint : endpoints) {
      if (byPath.put(endpoint.path(), endpoint) != null) {
        throw new IllegalArgumentException("endpoints: two for " + endpoint.path());
      }
    }
    this.endpoints = Map.copyOf(byPath);
    this.cors = requireNonNull(cors, "cors");
    this.maxBodyBytes = maxBodyBytes;
  }

  public boolean handles(String path) {
    return endpoints.containsKey(path);
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String path = req.getRequestURI();
    IngestEndpoint endpoint = endpoints.get(path);
    if (endpoint == null) {
      writeProblem(resp, 404, "Not Found", "no ingest endpoint at " + path + "; known: "
          + endpoints.keySet().stream().sorted().toList());
      return;
    }
    cors.applyTo(req, resp);
    if ("OPTIONS".equals(req.getMethod())) {
      cors.answerPreflight(req, resp);
      return;
    }
    if (!"POST".equals(req.getMethod())) {
      resp.setHeader("Allow", "POST, OPTIONS");
      writeProblem(resp, 405, "Method Not Allowed", path + " accepts POST only");
      return;
    }
    if (req.getContentLengthLong() > maxBodyBytes) {
      writeProblem(resp, 413, "Content Too Large", tooLarge());
      return;
    }
    byte[] body = readBody(req.getInputStream());
    if (body == null) {
      writeProblem(resp, 413, "Content Too Large", tooLarge());
      return;
    }
    IngestRequest request = new IngestRequest(req.getMethod(), path, queryParameters(req.getQueryString()),
        headers(req), body);
    AsyncContext async = req.startAsync();
    async.setTimeout(ASYNC_TIMEOUT_MILLIS);
    endpoint.handle(request).whenComplete((response, failure) -> {
      try {
        HttpServletResponse out = (HttpServletResponse) async.getResponse();
        if (failure != null) {
          // Endpoints map refusals themselves; reaching here is our bug, but the client's data is
          // not stored, so it must hear a retryable answer rather than a 500.
          log.error("ingest endpoint {} failed unexpectedly", path, failure);
          out.setHeader("Retry-After", "5");
          writeProblem(out, 503, "Service Unavailable", "the request was not stored; retry later");
        } else {
          write(out, response);
        }
      } catch (IOException | RuntimeException e) {
        log.debug("client went away before the answer to {} was written", path, e);
      } finally {
        async.complete();
      }
    });
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
