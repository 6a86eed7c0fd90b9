package dev.tracebridge.e2e;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One request the test backend served, as a backend's own logs would show it: what arrived (the raw
 * headers, names lower-cased) and the server span it recorded for it.
 *
 * @param traceId the trace the backend continued (or started), 32 hex digits
 * @param spanId the backend's server span
 * @param parentSpanId the browser's span the backend continued from; null when no header was understood
 */
record BrowserBackendRequest(String method, String path, Map<String, String> headers, String traceId,
    String spanId, @Nullable String parentSpanId) {

  BrowserBackendRequest {
    requireNonNull(method, "method");
    requireNonNull(path, "path");
    headers = Map.copyOf(headers);
    requireNonNull(traceId, "traceId");
    requireNonNull(spanId, "spanId");
  }

  @Nullable String header(String name) {
    return headers.get(name);
  }

  /** The header's value; fails, listing what did arrive, when the request carried none. */
  String requiredHeader(String name) {
    String value = headers.get(name);
    if (value == null) throw new AssertionError(method + " " + path + " carried no " + name + ": " + headers);
    return value;
  }
}
