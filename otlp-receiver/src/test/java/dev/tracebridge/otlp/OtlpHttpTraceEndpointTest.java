package dev.tracebridge.otlp;

import static dev.tracebridge.otlp.Requests.JSON;
import static dev.tracebridge.otlp.Requests.PROTOBUF;
import static dev.tracebridge.otlp.Requests.answer;
import static dev.tracebridge.otlp.Requests.post;
import static dev.tracebridge.otlp.Requests.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.rpc.BadRequest;
import com.google.rpc.RetryInfo;
import dev.tracebridge.core.ingest.IngestReceipt;
import dev.tracebridge.core.ingest.IngestRefusedException;
import dev.tracebridge.core.ingest.IngestRequest;
import dev.tracebridge.core.ingest.IngestResponse;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.rum.RumResource;
import dev.tracebridge.core.storage.TestTelemetry;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class OtlpHttpTraceEndpointTest {
  private static final TraceId TRACE = TraceId.fromHex("0af7651916cd43dd8448eb211c80319c");
  private static final SpanId SPAN = SpanId.fromHex("b7ad6b7169203331");
  private static final Span FULL = TestTelemetry.fullSpan(TRACE, SPAN, null);

  private final RecordingSink sink = new RecordingSink();
  private final OtlpHttpTraceEndpoint endpoint = new OtlpHttpTraceEndpoint(sink, OtlpLimits.defaults());

  @Test
  void protobufExport_storedThen200WithEmptyResponse() throws Exception {
    IngestResponse response = answer(endpoint, post(PROTOBUF, OtlpProtos.request(FULL).toByteArray()));

    assertThat(endpoint.path()).isEqualTo("/v1/traces");
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.contentType()).isEqualTo(PROTOBUF);
    assertThat(ExportTraceServiceResponse.parseFrom(response.body()).hasPartialSuccess()).isFalse();
    assertThat(sink.stored()).containsExactly(FULL);
  }

  @Test
  void jsonExportWithCharset_storedThen200WithEmptyJsonObject() throws Exception {
    byte[] json = Fixtures.read("otel-web-2.12/otlp-traces-1.json");

    IngestResponse response = answer(endpoint, post("application/json; charset=utf-8", json));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.contentType()).isEqualTo(JSON);
    assertThat(text(response)).isEqualTo("{}");
    assertThat(sink.stored()).hasSize(4);
  }

  @Test
  void webSdkExport_spansAndTheirRumResourcesStoredBeforeThe200() throws Exception {
    byte[] json = Fixtures.read("otel-web-2.12/otlp-traces-1.json");

    IngestResponse response = answer(endpoint, post(JSON, json));

    assertThat(response.status()).isEqualTo(200);
    assertThat(sink.stored()).hasSize(4);
    assertThat(sink.storedRum()).hasSize(4).allSatisfy(event -> assertThat(event)
        .isInstanceOfSatisfying(RumResource.class, r -> assertThat(r.eventId()).startsWith("otel-")));
  }

  @Test
  void webSdkExport_answeredOnlyWhenTheRumResourcesAreDurableToo() throws Exception {
    CompletableFuture<IngestReceipt> resourcesDurable = new CompletableFuture<>();
    sink.thenAnswerRum(events -> resourcesDurable);

    CompletionStage<IngestResponse> pending =
        endpoint.handle(post(JSON, Fixtures.read("otel-web-2.12/otlp-traces-1.json")));

    assertThat(sink.stored()).hasSize(4);
    assertThat(pending.toCompletableFuture()).isNotDone();
    resourcesDurable.complete(IngestReceipt.accepted(4));
    assertThat(pending.toCompletableFuture().join().status()).isEqualTo(200);
  }

  @Test
  void webSdkExportWhoseRumResourcesAreRefused_answers503SoTheClientRetries() throws Exception {
    sink.thenAnswerRum(events -> CompletableFuture.failedFuture(new IngestRefusedException(
        IngestRefusedException.Reason.STORAGE_UNAVAILABLE, Duration.ofSeconds(2), "cassandra down")));

    IngestResponse response =
        answer(endpoint, post(JSON, Fixtures.read("otel-web-2.12/otlp-traces-1.json")));

    assertThat(response.status()).isEqualTo(503);
    assertThat(response.headers()).containsEntry("Retry-After", "2");
    assertThat(text(response)).contains("\"code\":14").contains("cassandra down");
  }

  @Test
  void webSdkExportWithInvalidRumResources_warnsButSucceeds() throws Exception {
    sink.thenAnswerRum(events -> CompletableFuture.completedFuture(
        new IngestReceipt(3, 1, "url too long")));

    IngestResponse response =
        answer(endpoint, post(JSON, Fixtures.read("otel-web-2.12/otlp-traces-1.json")));

    assertThat(response.status()).isEqualTo(200);
    assertThat(text(response)).isEqualTo("{\"partialSuccess\":{\"rejectedSpans\":\"0\",\"errorMessage\":"
        + "\"1 browser RUM resource(s) made from the spans not stored: url too long\"}}");
  }

  @Test
  void gzipProtobuf_decompressedAndStored() {
    byte[] body = Requests.gzip(OtlpProtos.request(FULL).toByteArray());

    IngestResponse response = answer(endpoint, post(PROTOBUF, "gzip", body));

    assertThat(response.status()).isEqualTo(200);
    assertThat(sink.stored()).containsExactly(FULL);
  }

  @Test
  void invalidSpan_answers200WithPartialSuccessInProtobuf() throws Exception {
    var good = OtlpProtos.span(FULL);
    var bad = good.toBuilder().setSpanId(ByteString.copyFrom(new byte[3])).build();

    IngestResponse response =
        answer(endpoint, post(PROTOBUF, OtlpProtos.requestOf(List.of(good, bad)).toByteArray()));

    var partial = ExportTraceServiceResponse.parseFrom(response.body()).getPartialSuccess();
    assertThat(response.status()).isEqualTo(200);
    assertThat(partial.getRejectedSpans()).isEqualTo(1);
    assertThat(partial.getErrorMessage())
        .isEqualTo("resourceSpans[0].scopeSpans[0].spans[1] rejected: spanId: 3 bytes (expected: 8)");
    assertThat(sink.stored()).hasSize(1);
  }

  @Test
  void invalidSpan_answers200WithPartialSuccessInJson() {
    String json = """
        {"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"%s","spanId":"0000000000000000"}]}]}]}
        """.formatted(TRACE.toHex());

    IngestResponse response = answer(endpoint, post(JSON, json.getBytes(StandardCharsets.UTF_8)));

    assertThat(response.status()).isEqualTo(200);
    assertThat(text(response)).isEqualTo("{\"partialSuccess\":{\"rejectedSpans\":\"1\",\"errorMessage\":"
        + "\"resourceSpans[0].scopeSpans[0].spans[0] rejected: spanId: all zero (expected: a non-zero id)\"}}");
    assertThat(sink.calls()).isZero();
  }

  @Test
  void sinkRejectsSome_rejectionsAddedToPartialSuccess() throws Exception {
    sink.thenAnswer(spans -> CompletableFuture.completedFuture(
        new IngestReceipt(0, 1, "span too old for the retention window")));

    IngestResponse response = answer(endpoint, post(PROTOBUF, OtlpProtos.request(FULL).toByteArray()));

    var partial = ExportTraceServiceResponse.parseFrom(response.body()).getPartialSuccess();
    assertThat(partial.getRejectedSpans()).isEqualTo(1);
    assertThat(partial.getErrorMessage()).isEqualTo("span too old for the retention window");
  }

  @Test
  void answer_waitsUntilTheSinkHasStored() {
    CompletableFuture<IngestReceipt> durable = new CompletableFuture<>();
    sink.thenAnswer(spans -> durable);

    CompletionStage<IngestResponse> pending =
        endpoint.handle(post(PROTOBUF, OtlpProtos.request(FULL).toByteArray()));

    assertThat(pending.toCompletableFuture()).isNotDone();
    durable.complete(IngestReceipt.accepted(1));
    assertThat(pending.toCompletableFuture().join().status()).isEqualTo(200);
  }

  @Test
  void sinkOverloaded_answers429WithRetryAfterAndRetryInfo() throws Exception {
    sink.thenFail(new IngestRefusedException(IngestRefusedException.Reason.OVERLOADED,
        Duration.ofMillis(1500), "too many writes in flight"));

    IngestResponse response = answer(endpoint, post(PROTOBUF, OtlpProtos.request(FULL).toByteArray()));

    assertThat(response.status()).isEqualTo(429);
    assertThat(response.headers()).containsEntry("Retry-After", "2");
    com.google.rpc.Status status = com.google.rpc.Status.parseFrom(response.body());
    assertThat(status.getCode()).isEqualTo(io.grpc.Status.Code.RESOURCE_EXHAUSTED.value());
    assertThat(status.getMessage()).isEqualTo("spans not stored, retry later: too many writes in flight");
    assertThat(status.getDetails(0).unpack(RetryInfo.class).getRetryDelay().getSeconds()).isEqualTo(1);
    assertThat(status.getDetails(0).unpack(RetryInfo.class).getRetryDelay().getNanos())
        .isEqualTo(500_000_000);
  }

  @Test
  void storageUnavailable_answers503InJsonWithRetryAfter() {
    sink.thenFail(new IngestRefusedException(IngestRefusedException.Reason.STORAGE_UNAVAILABLE,
        Duration.ofSeconds(3), "cassandra down"));
    byte[] json = ("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"" + TRACE.toHex()
        + "\",\"spanId\":\"" + SPAN.toHex() + "\"}]}]}]}").getBytes(StandardCharsets.UTF_8);

    IngestResponse response = answer(endpoint, post(JSON, json));

    assertThat(response.status()).isEqualTo(503);
    assertThat(response.contentType()).isEqualTo(JSON);
    assertThat(response.headers()).containsEntry("Retry-After", "3");
    assertThat(text(response)).isEqualTo("{\"code\":14,\"message\":\"spans not stored, retry later: "
        + "cassandra down\",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\","
        + "\"retryDelay\":\"3s\"}]}");
  }

  @Test
  void unexpectedSinkFailure_answers503NotA500AndHidesTheCause() throws Exception {
    sink.thenFail(new IllegalStateException("connection to 10.0.0.7 reset"));

    IngestResponse response = answer(endpoint, post(PROTOBUF, OtlpProtos.request(FULL).toByteArray()));

    assertThat(response.status()).isEqualTo(503);
    assertThat(response.headers()).containsEntry("Retry-After", "5");
    assertThat(com.google.rpc.Status.parseFrom(response.body()).getMessage())
        .isEqualTo("spans not stored (the store did not acknowledge them), retry later")
        .doesNotContain("10.0.0.7");
  }

  @Test
  void sinkThrowingInsteadOfFailingItsStage_answers503() {
    RecordingSink throwing = new RecordingSink();
    throwing.thenAnswer(spans -> {
      throw new IllegalStateException("bug");
    });
    OtlpHttpTraceEndpoint guarded = new OtlpHttpTraceEndpoint(throwing, OtlpLimits.defaults());

    IngestResponse response = answer(guarded, post(PROTOBUF, OtlpProtos.request(FULL).toByteArray()));

    assertThat(response.status()).isEqualTo(503);
  }

  @Test
  void truncatedProtobuf_answers400WithStatusNamingTheProblem() throws Exception {
    byte[] whole = OtlpProtos.request(FULL).toByteArray();

    IngestResponse response =
        answer(endpoint, post(PROTOBUF, java.util.Arrays.copyOf(whole, whole.length / 2)));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.contentType()).isEqualTo(PROTOBUF);
    com.google.rpc.Status status = com.google.rpc.Status.parseFrom(response.body());
    assertThat(status.getCode()).isEqualTo(io.grpc.Status.Code.INVALID_ARGUMENT.value());
    assertThat(status.getMessage()).startsWith("undecodable protobuf ExportTraceServiceRequest near byte");
    assertThat(status.getDetails(0).unpack(BadRequest.class).getFieldViolations(0).getDescription())
        .isEqualTo(status.getMessage());
    assertThat(sink.calls()).isZero();
  }

  @Test
  void malformedJson_answers400WithJsonStatusAndFieldViolation() {
    String json = "{\"resourceSpans\": [{\"scopeSpans\": {\"spans\": []}}]}";

    IngestResponse response = answer(endpoint, post(JSON, json.getBytes(StandardCharsets.UTF_8)));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.contentType()).isEqualTo(JSON);
    assertThat(text(response)).isEqualTo("{\"code\":3,\"message\":\"/resourceSpans/0/scopeSpans: "
        + "expected an array of ScopeSpans, got an object (at byte 34)\",\"details\":[{\"@type\":"
        + "\"type.googleapis.com/google.rpc.BadRequest\",\"fieldViolations\":[{\"field\":"
        + "\"/resourceSpans/0/scopeSpans\",\"description\":\"/resourceSpans/0/scopeSpans: expected an "
        + "array of ScopeSpans, got an object (at byte 34)\"}]}]}");
  }

  @Test
  void emptyProtobufBody_isAnEmptyExportAndSucceeds() throws Exception {
    IngestResponse response = answer(endpoint, post(PROTOBUF, new byte[0]));

    assertThat(response.status()).isEqualTo(200);
    assertThat(ExportTraceServiceResponse.parseFrom(response.body()).hasPartialSuccess()).isFalse();
    assertThat(sink.calls()).isZero();
  }

  @Test
  void wrongContentType_answers415ProblemListingTheAcceptedTypes() {
    IngestResponse response = answer(endpoint, post("text/plain", "hello".getBytes(StandardCharsets.UTF_8)));

    assertThat(response.status()).isEqualTo(415);
    assertThat(response.contentType()).isEqualTo("application/problem+json");
    assertThat(text(response)).isEqualTo("{\"type\":\"about:blank\",\"title\":\"Unsupported Media Type\","
        + "\"status\":415,\"detail\":\"Content-Type 'text/plain' is not an OTLP encoding (expected: "
        + "application/x-protobuf or application/json)\"}");
  }

  @Test
  void missingContentType_answers415() {
    IngestResponse response = answer(endpoint, post(null, new byte[0]));

    assertThat(response.status()).isEqualTo(415);
    assertThat(text(response)).contains("no Content-Type is not an OTLP encoding");
  }

  @Test
  void unsupportedContentEncoding_answers415() throws Exception {
    IngestResponse response = answer(endpoint, post(PROTOBUF, "br", new byte[] {1, 2, 3}));

    assertThat(response.status()).isEqualTo(415);
    assertThat(com.google.rpc.Status.parseFrom(response.body()).getMessage())
        .isEqualTo("Content-Encoding 'br' is not supported (expected: gzip or identity)");
  }

  @Test
  void getInsteadOfPost_answers405() {
    IngestRequest get = new IngestRequest("GET", "/v1/traces", Map.of(), Map.of(), new byte[0]);

    IngestResponse response = answer(endpoint, get);

    assertThat(response.status()).isEqualTo(405);
    assertThat(response.headers()).containsEntry("Allow", "POST");
  }

  @Test
  void bodyOverMaxRequestBytes_answers413() throws Exception {
    OtlpHttpTraceEndpoint small = new OtlpHttpTraceEndpoint(sink, new OtlpLimits(100, 1000, 100));

    IngestResponse response = answer(small, post(PROTOBUF, new byte[101]));

    assertThat(response.status()).isEqualTo(413);
    assertThat(com.google.rpc.Status.parseFrom(response.body()).getMessage())
        .isEqualTo("request body of 101 bytes is larger than 100 (the receiver's maxRequestBytes)");
  }
}
