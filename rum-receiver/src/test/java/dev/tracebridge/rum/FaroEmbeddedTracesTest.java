package dev.tracebridge.rum;

import static dev.tracebridge.rum.IntakeCalls.call;
import static dev.tracebridge.rum.IntakeCalls.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.core.ingest.IngestReceipt;
import dev.tracebridge.core.ingest.IngestRefusedException;
import dev.tracebridge.core.ingest.IngestRequest;
import dev.tracebridge.core.ingest.IngestResponse;
import dev.tracebridge.core.rum.RumResource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Faro's embedded OTLP spans reach the span pipeline, and the answer waits for them too. */
class FaroEmbeddedTracesTest {
  private final RecordingSink sink = new RecordingSink();
  private final List<String> handedOver = new ArrayList<>();

  private static IngestRequest post(String body) {
    return new IngestRequest("POST", "/v1/rum/faro", Map.of(), Map.of("content-type", "application/json"),
        body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void embeddedSpans_areHandedOverAndNotCalledUnstored() throws Exception {
    FaroEndpoint endpoint = new FaroEndpoint(sink, RumIntakeSettings.defaults(), otlpJson -> {
      handedOver.add(new String(otlpJson, StandardCharsets.UTF_8));
      return CompletableFuture.completedFuture(IngestReceipt.accepted(4));
    });

    IngestResponse response = call(endpoint, post(FaroEndpointTest.payload()));

    assertThat(response.status()).isEqualTo(202);
    assertThat(handedOver).singleElement().asString().startsWith("{\"resourceSpans\":[")
        .contains("70b7af70c3f45a3457abdade80457af6");
    JsonNode receipt = json(response);
    assertThat(receipt.path("not_stored").asInt()).isZero();
    assertThat(receipt.path("message").asString()).contains("4 embedded OTLP spans stored");
    assertThat(sink.events(RumResource.class)).hasSize(3);
  }

  @Test
  void embeddedSpansRefused_answersRetryableSoNothingIsLost() throws Exception {
    FaroEndpoint endpoint = new FaroEndpoint(sink, RumIntakeSettings.defaults(), otlpJson ->
        CompletableFuture.failedFuture(new IngestRefusedException(
            IngestRefusedException.Reason.STORAGE_UNAVAILABLE, Duration.ofSeconds(5), "store down")));

    IngestResponse response = call(endpoint, post(FaroEndpointTest.payload()));

    assertThat(response.status()).isEqualTo(503);
    assertThat(response.headers()).containsKey("Retry-After");
  }

  @Test
  void embeddedSpansNotOtlp_keepsTheRumEventsAndSaysSpansWereNotStored() throws Exception {
    FaroEndpoint endpoint = new FaroEndpoint(sink, RumIntakeSettings.defaults(), otlpJson -> {
      throw new IllegalArgumentException("resourceSpans[0]: bad traceId");
    });

    IngestResponse response = call(endpoint, post(FaroEndpointTest.payload()));

    assertThat(response.status()).isEqualTo(202);
    assertThat(json(response).path("not_stored").asInt()).isEqualTo(4);
    assertThat(sink.events(RumResource.class)).hasSize(3);
  }

  @Test
  void payloadWithoutTraces_isAnsweredByTheIntakeAlone() throws Exception {
    FaroEndpoint endpoint = new FaroEndpoint(sink, RumIntakeSettings.defaults(), otlpJson -> {
      handedOver.add("called");
      return CompletableFuture.completedFuture(IngestReceipt.accepted(0));
    });
    String noTraces = """
        {"meta":{"app":{"name":"shop-web"},"session":{"id":"s-1"},"page":{"url":"http://127.0.0.1/cart"}},
         "events":[{"name":"faro.tracing.fetch","timestamp":"2026-11-25T13:42:49.499Z",
           "attributes":{"url.full":"http://localhost/x","http.response.status_code":"200","duration_ns":"1000"},
           "trace":{"trace_id":"0af7651916cd43dd8448eb211c80319c","span_id":"b7ad6b7169203331"}}]}
        """;

    IngestResponse response = call(endpoint, post(noTraces));

    assertThat(response.status()).isEqualTo(202);
    assertThat(handedOver).isEmpty();
  }
}
