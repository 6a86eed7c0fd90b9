package dev.tracebridge.otlp;

import dev.tracebridge.core.ingest.IngestResponse;
import java.io.ByteArrayOutputStream;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * RFC 9457 problem bodies for requests that are not OTLP at all (wrong method, a content type that is
 * neither OTLP encoding), where there is no request encoding to answer a {@code google.rpc.Status} in.
 */
final class ProblemResponses {
  private static final JsonFactory JSON = JsonFactory.builder().build();

  private ProblemResponses() {}

  static IngestResponse problem(int status, String title, String detail) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator json = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
      json.writeStartObject();
      json.writeStringProperty("type", "about:blank");
      json.writeStringProperty("title", title);
      json.writeNumberProperty("status", status);
      json.writeStringProperty("detail", detail);
      json.writeEndObject();
    }
    return IngestResponse.of(status, "application/problem+json", out.toByteArray());
  }
}
