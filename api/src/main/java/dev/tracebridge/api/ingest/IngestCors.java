package dev.tracebridge.api.ingest;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Set;

/**
 * CORS for the ingest port. Browser SDKs post from the page's origin: the OpenTelemetry web exporter
 * sends {@code application/json}, which needs a preflight, and Faro adds custom headers. The ingest
 * port takes no cookies, so {@code *} is a safe default; a list restricts it to named origins.
 */
public final class IngestCors {
  /** Browsers cache a preflight for at most this long anyway (Chromium caps at 2 hours). */
  private static final String PREFLIGHT_MAX_AGE_SECONDS = "7200";

  private final boolean anyOrigin;
  private final Set<String> allowedOrigins;

  public IngestCors(List<String> allowedOrigins) {
    this.anyOrigin = allowedOrigins.contains("*");
    this.allowedOrigins = Set.copyOf(allowedOrigins);
  }

  /** Adds the allow-origin header to any response for an allowed origin. */
  void applyTo(HttpServletRequest req, HttpServletResponse resp) {
    String origin = req.getHeader("Origin");
    if (origin == null) return;
    resp.addHeader("Vary", "Origin");
    if (anyOrigin || allowedOrigins.contains(origin)) {
      resp.setHeader("Access-Control-Allow-Origin", anyOrigin ? "*" : origin);
      resp.setHeader("Access-Control-Expose-Headers", "Retry-After");
    }
  }

  /** Answers a preflight: 204 with what the browser asked for, or 403 for an origin not allowed. */
  void answerPreflight(HttpServletRequest req, HttpServletResponse resp) throws java.io.IOException {
    String origin = req.getHeader("Origin");
    if (origin != null && !anyOrigin && !allowedOrigins.contains(origin)) {
      IngestServlet.writeProblem(resp, 403, "Forbidden", "origin " + origin
          + " is not in tracebridge.ingest.allowed-origins");
      return;
    }
    resp.setHeader("Access-Control-Allow-Methods", "POST, OPTIONS");
    String requested = req.getHeader("Access-Control-Request-Headers");
    if (requested != null && !requested.isBlank()) {
      resp.setHeader("Access-Control-Allow-Headers", requested);
    }
    resp.setHeader("Access-Control-Max-Age", PREFLIGHT_MAX_AGE_SECONDS);
    resp.setStatus(204);
  }
}
