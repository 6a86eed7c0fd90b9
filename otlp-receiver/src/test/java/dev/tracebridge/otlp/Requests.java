package dev.tracebridge.otlp;

import dev.tracebridge.core.ingest.IngestRequest;
import dev.tracebridge.core.ingest.IngestResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** Builds ingest requests as the api module hands them over, and waits for endpoint answers. */
final class Requests {
  static final String PROTOBUF = "application/x-protobuf";
  static final String JSON = "application/json";
  private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

  private Requests() {}

  static IngestRequest post(String contentType, byte[] body) {
    return post(contentType, null, body);
  }

  static IngestRequest post(String contentType, String contentEncoding, byte[] body) {
    Map<String, String> headers = new HashMap<>();
    if (contentType != null) headers.put("content-type", contentType);
    if (contentEncoding != null) headers.put("content-encoding", contentEncoding);
    return new IngestRequest("POST", "/v1/traces", Map.of(), headers, body);
  }

  static IngestResponse answer(dev.tracebridge.core.ingest.IngestEndpoint endpoint,
      IngestRequest request) {
    try {
      return endpoint.handle(request).toCompletableFuture()
          .get(ANSWER_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("endpoint did not answer", e);
    }
  }

  static byte[] gzip(byte[] plain) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(plain);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static String text(IngestResponse response) {
    return new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
  }
}
