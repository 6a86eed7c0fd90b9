package dev.tracebridge.api.ingest;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Finds the ingest key a client presented. OTLP exporters and the Collector send headers:
 * {@code Authorization: Bearer <key>} (the Collector's bearertokenauth) or {@code x-tracebridge-key}.
 * Browser SDKs often cannot add headers, so their own client-token slots count too: Datadog's
 * {@code dd-api-key} inside {@code ddforward}, Guance's {@code token} query parameter, Faro's
 * {@code x-api-key} header. The first one found wins, in that order.
 */
public final class PresentedKey {
  /** The header this engine documents for clients that cannot send Authorization. */
  public static final String KEY_HEADER = "x-tracebridge-key";
  static final String AUTHORIZATION = "authorization";
  static final String FARO_API_KEY = "x-api-key";
  static final String DATADOG_FORWARD = "ddforward";
  static final String DATADOG_CLIENT_TOKEN = "dd-api-key";
  static final String GUANCE_TOKEN = "token";
  private static final String BEARER = "bearer ";

  private PresentedKey() {}

  /**
   * The key in {@code headers} (lower-case names) or {@code query} (decoded parameters), or null when
   * the request carries none.
   */
  public static @Nullable String from(Map<String, String> headers, Map<String, String> query) {
    String authorization = headers.get(AUTHORIZATION);
    if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return nonBlank(authorization.substring(BEARER.length()));
    }
    String key = nonBlank(headers.get(KEY_HEADER));
    if (key != null) return key;
    key = nonBlank(headers.get(FARO_API_KEY));
    if (key != null) return key;
    String forward = query.get(DATADOG_FORWARD);
    if (forward != null) {
      int question = forward.indexOf('?');
      if (question >= 0) {
        key = nonBlank(IngestServlet.queryParameters(forward.substring(question + 1)).get(DATADOG_CLIENT_TOKEN));
        if (key != null) return key;
      }
    }
    return nonBlank(query.get(GUANCE_TOKEN));
  }

  private static @Nullable String nonBlank(@Nullable String value) {
    if (value == null) return null;
    String stripped = value.strip();
    return stripped.isEmpty() ? null : stripped;
  }
}
