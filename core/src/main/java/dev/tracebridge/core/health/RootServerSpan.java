package dev.tracebridge.core.health;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.model.Attributes;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.SpanKind;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.search.UrlPattern;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A backend SERVER span that started a trace of its own while serving an HTTP request: the evidence
 * that a browser request reached an instrumented backend without its trace headers (header_stripped),
 * and the candidate a fallback join picks from. Such spans cannot be found through the browser's trace
 * id (the backend made up another one), so they are indexed by what both sides know: the method, the
 * folded path and the time.
 *
 * @param pathPattern the folded path ({@link UrlPattern#foldPath}); the host is left out because a
 *     backend behind a proxy records its internal host name
 * @param sessionId the RUM session the request belonged to, when the backend copied the W3C baggage
 *     entry {@code session.id} (which Datadog RUM sends) onto its span; empty otherwise
 */
public record RootServerSpan(
    TraceId traceId,
    SpanId spanId,
    String service,
    String method,
    String pathPattern,
    String path,
    long startEpochNanos,
    long endEpochNanos,
    String sessionId) {

  /** The semantic conventions' request method, and its name before v1.21. */
  static final List<String> METHOD_ATTRIBUTES = List.of("http.request.method", "http.method");
  /**
   * Where the path is, best first: the path alone, the request target (path and query, before v1.21),
   * the full URL (current and old names), and last the route template, which is already a pattern.
   */
  static final List<String> PATH_ATTRIBUTES =
      List.of("url.path", "http.target", "url.full", "http.url", "http.route");
  /** The baggage key Datadog RUM 7 sends the session id under, copied onto spans by baggage processors. */
  public static final String SESSION_ID_ATTRIBUTE = "session.id";

  public RootServerSpan {
    requireNonNull(traceId, "traceId");
    requireNonNull(spanId, "spanId");
    requireNonNull(service, "service");
    requireNonNull(method, "method");
    requireNonNull(pathPattern, "pathPattern");
    requireNonNull(path, "path");
    requireNonNull(sessionId, "sessionId");
  }

  /** The entry for a span that is a parentless SERVER span of an HTTP request; null for any other span. */
  public static @Nullable RootServerSpan of(Span span) {
    requireNonNull(span, "span");
    if (span.parentSpanId() != null || span.kind() != SpanKind.SERVER) return null;
    Attributes attributes = span.attributes();
    String method = first(attributes, METHOD_ATTRIBUTES);
    String target = first(attributes, PATH_ATTRIBUTES);
    if (method == null || target == null) return null;
    String path = UrlPattern.path(target);
    String session = attributes.getText(SESSION_ID_ATTRIBUTE);
    return new RootServerSpan(span.traceId(), span.spanId(), span.serviceName(),
        method.toUpperCase(Locale.ROOT), UrlPattern.foldPath(path), path, span.startEpochNanos(),
        span.endEpochNanos(), session == null ? "" : session);
  }

  private static @Nullable String first(Attributes attributes, List<String> keys) {
    for (String key : keys) {
      String value = attributes.getText(key);
      if (value != null && !value.isBlank()) return value.strip();
    }
    return null;
  }
}
