package dev.tracebridge.rum;

import dev.tracebridge.core.ingest.IngestEndpoint;
import dev.tracebridge.core.ingest.IngestRequest;
import dev.tracebridge.core.ingest.IngestResponse;
import dev.tracebridge.rum.batch.JsonBatchReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/** Builds requests the way the api module does and reads answers the way a client would. */
public final class IntakeCalls {

  private IntakeCalls() {}

  public static IngestRequest post(String path, String body) {
    return post(path, body.getBytes(StandardCharsets.UTF_8), Map.of(), Map.of());
  }

  public static IngestRequest post(String path, byte[] body, Map<String, String> headers,
      Map<String, String> query) {
    return new IngestRequest("POST", path, query, headers, body);
  }

  public static IngestResponse call(IngestEndpoint endpoint, IngestRequest request) {
    try {
      return endpoint.handle(request).toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("the endpoint's stage failed instead of answering", e);
    }
  }

  public static JsonNode json(IngestResponse response) {
    return JsonBatchReader.JSON.readTree(new String(response.body(), StandardCharsets.UTF_8));
  }

  /** The captured SDK requests in shared/fixtures (read-only), wherever the build put the checkout. */
  public static Path fixtures() {
    return Path.of(System.getProperty("tracebridge.fixtures", "../../shared/fixtures"));
  }
}
