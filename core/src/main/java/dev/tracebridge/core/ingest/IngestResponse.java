package dev.tracebridge.core.ingest;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** What an ingest endpoint answers: status, body and the headers it needs (Retry-After...). */
public record IngestResponse(int status, String contentType, byte[] body, Map<String, String> headers) {

  public IngestResponse {
    requireNonNull(contentType, "contentType");
    requireNonNull(body, "body");
    headers = Map.copyOf(headers);
  }

  public static IngestResponse of(int status, String contentType, byte[] body) {
    return new IngestResponse(status, contentType, body, Map.of());
  }

  /** A JSON body; used for errors as RFC 9457 problem details and for receipts. */
  public static IngestResponse json(int status, String json) {
    return of(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  public IngestResponse withHeader(String name, String value) {
    var copy = new java.util.HashMap<>(headers);
    copy.put(name, value);
    return new IngestResponse(status, contentType, body, copy);
  }
}
