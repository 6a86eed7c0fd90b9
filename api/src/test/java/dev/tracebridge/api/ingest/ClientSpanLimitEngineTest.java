package dev.tracebridge.api.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.rpc.RetryInfo;
import dev.tracebridge.api.EnginePorts;
import dev.tracebridge.api.selfmetrics.EngineMetrics;
import dev.tracebridge.api.selfmetrics.RejectReason;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.model.TraceKey;
import dev.tracebridge.core.storage.TraceStore;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * tracebridge.ingest.per-client-spans-per-second on OTLP/HTTP protobuf and OTLP/gRPC. Each test exports
 * under a key of its own, so it starts with a full bucket of its own whatever order the tests run in: an
 * export of three seconds' worth passes and leaves the bucket in debt, so the next export, of one second's
 * worth, is refused unless three seconds went by in between, and passes once the delay it was told has.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class ClientSpanLimitEngineTest {
  private static final int SPANS_PER_SECOND = 100;
  private static final String HTTP_KEY = "http-key-" + UUID.randomUUID();
  private static final String GRPC_KEY = "grpc-key-" + UUID.randomUUID();
  private static final EnginePorts PORTS = EnginePorts.free();
  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  private final IngestClient client = new IngestClient(PORTS.ingest(), PORTS.grpc());

  @Autowired TraceStore store;
  @Autowired EngineMetrics metrics;

  @DynamicPropertySource
  static void engine(DynamicPropertyRegistry registry) {
    PORTS.registerInMemoryEngine(registry);
    registry.add("tracebridge.ingest.per-client-spans-per-second", () -> Integer.toString(SPANS_PER_SECOND));
    registry.add("tracebridge.ingest.keys.http-app", () -> HTTP_KEY);
    registry.add("tracebridge.ingest.keys.grpc-app", () -> GRPC_KEY);
  }

  @AfterEach
  void closeClient() {
    client.close();
  }

  @Test
  void httpExportOverTheBudget_answers429WithRetryAfter_storesNothing_andPassesAfterTheDelay() throws Exception {
    Map<String, String> key = Map.of("Authorization", "Bearer " + HTTP_KEY);
    assertThat(client.postProtobuf("/v1/traces", spans(randomTrace(), 3 * SPANS_PER_SECOND).toByteArray(), key)
        .statusCode()).as("larger than the bucket, admitted while it is full").isEqualTo(200);
    long rejectedBefore = rejected(RejectReason.CLIENT_SPAN_RATE_LIMITED);
    long overloadedBefore = rejected(RejectReason.TOO_MANY_REQUESTS);
    byte[] trace = randomTrace();
    byte[] export = spans(trace, SPANS_PER_SECOND).toByteArray();

    HttpResponse<byte[]> refused = client.postProtobuf("/v1/traces", export, key);

    assertThat(refused.statusCode()).isEqualTo(429);
    long retryAfter = Long.parseLong(refused.headers().firstValue("retry-after").orElseThrow());
    assertThat(retryAfter).isBetween(1L, 3L);
    com.google.rpc.Status status = com.google.rpc.Status.parseFrom(refused.body());
    assertThat(status.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED.value());
    assertThat(status.getMessage()).contains("tracebridge.ingest.per-client-spans-per-second")
        .contains("key " + IngestKeys.fingerprint(HTTP_KEY) + " of app 'http-app'").doesNotContain(HTTP_KEY);
    assertThat(retryDelayNanos(status)).isBetween(1L, retryAfter * NANOS_PER_SECOND);
    assertThat(storedSpans(trace)).isZero();
    assertThat(rejected(RejectReason.CLIENT_SPAN_RATE_LIMITED)).isEqualTo(rejectedBefore + 1);
    assertThat(rejected(RejectReason.TOO_MANY_REQUESTS)).isEqualTo(overloadedBefore);

    TimeUnit.SECONDS.sleep(retryAfter);
    HttpResponse<byte[]> retried = client.postProtobuf("/v1/traces", export, key);

    assertThat(retried.statusCode()).isEqualTo(200);
    assertThat(storedSpans(trace)).isEqualTo(SPANS_PER_SECOND);
  }

  @Test
  void grpcExportOverTheBudget_answersResourceExhaustedWithRetryInfo_storesNothing_andPassesAfterTheDelay()
      throws Exception {
    Map<String, String> key = Map.of("authorization", "Bearer " + GRPC_KEY);
    client.export(spans(randomTrace(), 3 * SPANS_PER_SECOND), key);
    long rejectedBefore = rejected(RejectReason.CLIENT_SPAN_RATE_LIMITED);
    byte[] trace = randomTrace();
    ExportTraceServiceRequest export = spans(trace, SPANS_PER_SECOND);

    StatusRuntimeException refused = exportExpectingFailure(export, key);

    assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(refused.getStatus().getDescription()).contains("tracebridge.ingest.per-client-spans-per-second")
        .contains("key " + IngestKeys.fingerprint(GRPC_KEY) + " of app 'grpc-app'").doesNotContain(GRPC_KEY);
    long delay = retryDelayNanos(StatusProto.fromThrowable(refused));
    assertThat(delay).isBetween(1L, 3 * NANOS_PER_SECOND);
    assertThat(storedSpans(trace)).isZero();
    assertThat(rejected(RejectReason.CLIENT_SPAN_RATE_LIMITED)).isEqualTo(rejectedBefore + 1);

    TimeUnit.NANOSECONDS.sleep(delay);
    client.export(export, key);

    assertThat(storedSpans(trace)).isEqualTo(SPANS_PER_SECOND);
  }

  private StatusRuntimeException exportExpectingFailure(ExportTraceServiceRequest export, Map<String, String> key) {
    try {
      client.export(export, key);
    } catch (StatusRuntimeException e) {
      return e;
    }
    throw new AssertionError("export over the span budget succeeded");
  }

  private int storedSpans(byte[] trace) throws Exception {
    TraceId id = TraceId.fromHex(HexFormat.of().formatHex(trace));
    return store.readTrace(TraceKey.of(id)).toCompletableFuture().get(10, TimeUnit.SECONDS)
        .matching(id).spans().size();
  }

  private long rejected(String reason) {
    Matcher sample = Pattern.compile("(?m)^tracebridge_ingest_rejected_total\\{reason=\"" + reason
        + "\"} (\\d+)").matcher(metrics.render());
    return sample.find() ? Long.parseLong(sample.group(1)) : 0;
  }

  private static long retryDelayNanos(com.google.rpc.Status status) throws Exception {
    com.google.protobuf.Duration delay = status.getDetails(0).unpack(RetryInfo.class).getRetryDelay();
    return Duration.ofSeconds(delay.getSeconds(), delay.getNanos()).toNanos();
  }

  private static ExportTraceServiceRequest spans(byte[] trace, int count) {
    return IngestClient.spans("stock", trace, count);
  }

  private static byte[] randomTrace() {
    byte[] id = new byte[16];
    ThreadLocalRandom.current().nextBytes(id);
    return id;
  }
}
