package dev.tracebridge.rum.datadog;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The {@code ddforward} query parameter: the path and query the SDK would have sent to Datadog's intake,
 * e.g. {@code /api/v2/rum?ddsource=browser&dd-api-key=pub...&dd-evp-encoding=deflate&batch_time=...}. It
 * names the client token, and with {@code dd-evp-encoding=deflate} whether the batch was deflated. That
 * flag is deliberately not trusted: the last beacon of a page may come uncompressed whatever it says, so
 * the body's magic bytes decide.
 *
 * @param path the forwarded path, empty when the parameter was absent
 * @param parameters its query parameters, URL-decoded, first value of each name
 */
record DatadogForward(String path, Map<String, String> parameters) {
  static final String CLIENT_TOKEN = "dd-api-key";

  DatadogForward {
    parameters = Map.copyOf(parameters);
  }

  /** Parses the already URL-decoded parameter value; an odd pair is skipped rather than failing the batch. */
  static DatadogForward parse(@Nullable String ddforward) {
    if (ddforward == null || ddforward.isBlank()) return new DatadogForward("", Map.of());
    int question = ddforward.indexOf('?');
    String path = question < 0 ? ddforward : ddforward.substring(0, question);
    Map<String, String> parameters = new LinkedHashMap<>();
    if (question >= 0) {
      for (String pair : ddforward.substring(question + 1).split("&")) {
        int eq = pair.indexOf('=');
        if (eq <= 0) continue;
        try {
          parameters.putIfAbsent(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
        } catch (IllegalArgumentException e) {
          // A broken %-escape in a parameter the intake does not need must not cost the batch.
        }
      }
    }
    return new DatadogForward(path, parameters);
  }

  /** The SDK's client token (public by design: it ships in the page). */
  @Nullable String clientToken() {
    return parameters.get(CLIENT_TOKEN);
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }
}
