package dev.tracebridge.core.ingest;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP request to an ingest endpoint, stripped of the web framework: the api module builds it, a
 * receiver's {@link IngestEndpoint} answers it. Header names are lower case; query parameters keep the
 * first value of each name, already URL-decoded.
 */
public record IngestRequest(
    String method, String path, Map<String, String> queryParameters, Map<String, String> headers,
    byte[] body) {

  public IngestRequest {
    requireNonNull(method, "method");
    requireNonNull(path, "path");
    queryParameters = Map.copyOf(queryParameters);
    headers = Map.copyOf(headers);
    requireNonNull(body, "body");
  }

  public @Nullable String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  public @Nullable String queryParameter(String name) {
    return queryParameters.get(name);
  }

  /** The media type without parameters, lower case; empty when the request named none. */
  public String mediaType() {
    String contentType = header("content-type");
    if (contentType == null) return "";
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip()
        .toLowerCase(Locale.ROOT);
  }
}
