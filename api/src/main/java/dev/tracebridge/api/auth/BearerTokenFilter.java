package dev.tracebridge.api.auth;

import static java.util.Objects.requireNonNull;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Requires {@code Authorization: Bearer <token>} on the API port's data paths when a token is
 * configured. The comparison is of SHA-256 digests with {@link MessageDigest#isEqual}, so neither the
 * token's content nor its length shows in the response time. Refusals are 401 problems; the token is
 * never logged, not even a wrong one.
 */
public final class BearerTokenFilter extends OncePerRequestFilter {
  /** Paths that hold no trace data: load balancers and the viewer's page must reach them without a token. */
  static final Set<String> OPEN_PATHS = Set.of("/api/v1/health", "/api/v1/ready", "/api/v1/openapi.json");
  private static final String BEARER = "Bearer ";

  /** Null when no token is configured: every request passes. */
  private final byte @Nullable [] expectedDigest;

  /** A filter requiring {@code token}; an empty token requires nothing. */
  public BearerTokenFilter(String token) {
    requireNonNull(token, "token");
    this.expectedDigest = token.isEmpty() ? null : digest(token);
  }

  /** Data lives under {@code /api/} (ours and the Jaeger-compatible API) and in {@code /metrics}. */
  static boolean isProtected(String path) {
    if (OPEN_PATHS.contains(path)) return false;
    return path.startsWith("/api/") || path.equals("/metrics");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    byte[] expected = expectedDigest;
    if (expected == null || !isProtected(request.getRequestURI()) || "OPTIONS".equals(request.getMethod())) {
      chain.doFilter(request, response);
      return;
    }
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      refuse(response, "missing Authorization: Bearer <token> (tracebridge.api.token is set on this engine)");
      return;
    }
    byte[] given = digest(header.substring(BEARER.length()).strip());
    if (!MessageDigest.isEqual(given, expected)) {
      refuse(response, "the bearer token is not the one this engine is configured with");
      return;
    }
    chain.doFilter(request, response);
  }

  private static void refuse(HttpServletResponse response, String detail) throws IOException {
    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    response.setHeader("WWW-Authenticate", "Bearer realm=\"tracebridge\"");
    response.setContentType("application/problem+json");
    String body = "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,\"detail\":\""
        + detail.replace("\"", "\\\"") + "\"}";
    response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] digest(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
