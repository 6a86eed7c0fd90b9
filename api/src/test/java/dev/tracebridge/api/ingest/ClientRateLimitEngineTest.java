package dev.tracebridge.api.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.google.rpc.RetryInfo;
import dev.tracebridge.api.EngineHttp;
import dev.tracebridge.api.EnginePorts;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * tracebridge.ingest.per-client-requests-per-second without keys: one bucket per remote address,
 * shared by OTLP/HTTP and OTLP/gRPC. At half a request a second, the second export within two
 * seconds is refused whatever order the tests run in.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class ClientRateLimitEngineTest {
  /** More than the bucket (one request) holds: one of these must be refused. */
  private static final int ATTEMPTS = 3;
  private static final EnginePorts PORTS = EnginePorts.free();
  private final IngestClient client = new IngestClient(PORTS.ingest(), PORTS.grpc());

  @DynamicPropertySource
  static void engine(DynamicPropertyRegistry registry) {
    PORTS.registerInMemoryEngine(registry);
    registry.add("tracebridge.ingest.per-client-requests-per-second", () -> "0.5");
  }

  @AfterEach
  void closeClient() {
    client.close();
  }

  @Test
  void httpExportsAboveTheRate_answer429WithRetryAfter() {
    for (int i = 0; i < ATTEMPTS; i++) {
      HttpResponse<String> response = client.post("/v1/traces", "application/json",
          IngestClient.oneSpanJson("stock"), Map.of());
      if (response.statusCode() == 429) {
        assertThat(response.headers().firstValue("retry-after")).hasValueSatisfying(
            seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 2L));
        assertThat(EngineHttp.parse(response.body()).get("detail").asString())
            .contains("tracebridge.ingest.per-client-requests-per-second");
        return;
      }
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
    fail("no 429 in " + ATTEMPTS + " exports at 0.5 requests per second");
  }

  @Test
  void grpcExportsAboveTheRate_answerResourceExhaustedWithRetryInfo() throws Exception {
    for (int i = 0; i < ATTEMPTS; i++) {
      try {
        client.export("stock", Map.of());
      } catch (StatusRuntimeException e) {
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        com.google.rpc.Status details = StatusProto.fromThrowable(e);
        assertThat(details).isNotNull();
        RetryInfo retry = details.getDetailsList().get(0).unpack(RetryInfo.class);
        assertThat(retry.getRetryDelay().getSeconds() * 1_000_000_000L + retry.getRetryDelay().getNanos())
            .isBetween(1L, 2_000_000_000L);
        return;
      }
    }
    fail("no RESOURCE_EXHAUSTED in " + ATTEMPTS + " exports at 0.5 requests per second");
  }
}
