package dev.tracebridge.otlp;

import static dev.tracebridge.otlp.Requests.answer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.core.ingest.IngestRequest;
import dev.tracebridge.core.ingest.IngestResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OtlpUnsupportedSignalEndpointTest {

  @Test
  void logsInProtobuf_answer404WithUnimplementedStatusInProtobuf() throws Exception {
    OtlpUnsupportedSignalEndpoint logs = OtlpUnsupportedSignalEndpoint.logs();

    IngestResponse response = answer(logs, request("/v1/logs", Requests.PROTOBUF));

    assertThat(logs.path()).isEqualTo("/v1/logs");
    assertThat(response.status()).isEqualTo(404);
    assertThat(response.contentType()).isEqualTo(Requests.PROTOBUF);
    com.google.rpc.Status status = com.google.rpc.Status.parseFrom(response.body());
    assertThat(status.getCode()).isEqualTo(io.grpc.Status.Code.UNIMPLEMENTED.value());
    assertThat(status.getMessage()).isEqualTo("Tracebridge accepts OTLP traces only (/v1/traces); logs "
        + "sent to /v1/logs are not accepted and not stored. Configure the exporter to send traces "
        + "only (e.g. OTEL_LOGS_EXPORTER=none).");
  }

  @Test
  void metricsInJson_answer404WithJsonStatus() {
    OtlpUnsupportedSignalEndpoint metrics = OtlpUnsupportedSignalEndpoint.metrics();

    IngestResponse response = answer(metrics, request("/v1/metrics", Requests.JSON));

    assertThat(metrics.path()).isEqualTo("/v1/metrics");
    assertThat(response.status()).isEqualTo(404);
    assertThat(response.contentType()).isEqualTo(Requests.JSON);
    assertThat(Requests.text(response)).startsWith("{\"code\":12,\"message\":\"Tracebridge accepts OTLP "
        + "traces only (/v1/traces); metrics sent to /v1/metrics");
  }

  private static IngestRequest request(String path, String contentType) {
    return new IngestRequest("POST", path, Map.of(), Map.of("content-type", contentType), new byte[] {1});
  }
}
