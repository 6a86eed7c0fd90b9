package dev.tracebridge.rum.faro;

import dev.tracebridge.rum.batch.CompressedBody;
import dev.tracebridge.rum.batch.JsonBatchReader;
import dev.tracebridge.rum.batch.RejectedBatchException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Finds the OTLP/JSON document Faro embeds under {@code traces}. */
public final class FaroEmbeddedTraces {
  private FaroEmbeddedTraces() {}

  /**
   * The {@code traces} object as OTLP/JSON bytes ({@code {"resourceSpans":[...]}}), or null when the
   * payload has none or is not JSON at all (the intake then answers for the payload as a whole).
   */
  public static byte @Nullable [] extract(byte[] body, int maxDecompressedBytes) {
    try {
      JsonNode root = JsonBatchReader.JSON.readTree(CompressedBody.plainBytes(body, maxDecompressedBytes));
      if (root == null) return null;
      JsonNode traces = root.path("traces");
      JsonNode resourceSpans = traces.path("resourceSpans");
      if (!traces.isObject() || !resourceSpans.isArray() || resourceSpans.isEmpty()) return null;
      return JsonBatchReader.JSON.writeValueAsBytes(traces);
    } catch (JacksonException | RejectedBatchException e) {
      return null;
    }
  }
}
