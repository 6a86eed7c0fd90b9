package dev.tracebridge.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.rpc.BadRequest;
import com.google.rpc.RetryInfo;
import dev.tracebridge.core.ingest.IngestReceipt;
import dev.tracebridge.core.ingest.IngestRefusedException;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.rum.HeaderFormat;
import dev.tracebridge.core.rum.PropagatedContext;
import dev.tracebridge.core.rum.RumResource;
import dev.tracebridge.core.rum.Sampling;
import dev.tracebridge.core.storage.TestTelemetry;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ClientCalls;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OtlpGrpcServerTest {
  private static final Span FULL = TestTelemetry.fullSpan(
      TraceId.fromHex("0af7651916cd43dd8448eb211c80319c"), SpanId.fromHex("b7ad6b7169203331"), null);
  /** Short backoff so a retried export finishes within the test; the SDK default starts at 1 s. */
  private static final RetryPolicy FAST_RETRY = RetryPolicy.builder().setMaxAttempts(5)
      .setInitialBackoff(Duration.ofMillis(50)).setMaxBackoff(Duration.ofMillis(200)).build();

  private final ExecutorService executor = Executors.newFixedThreadPool(2);
  private final RecordingSink sink = new RecordingSink();
  private OtlpGrpcServer server;
  private ManagedChannel channel;

  @BeforeEach
  void start() throws IOException {
    server = OtlpGrpcServer.start(new InetSocketAddress("127.0.0.1", 0), sink, OtlpLimits.defaults(),
        executor);
    channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
  }

  @AfterEach
  void stop() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.close();
    executor.shutdownNow();
  }

  @Test
  void sdkGrpcExporterWithGzip_spansArriveWhole() {
    List<SpanData> sent = SdkSpans.record();
    try (OtlpGrpcSpanExporter exporter = OtlpGrpcSpanExporter.builder()
        .setEndpoint("http://127.0.0.1:" + server.port()).setCompression("gzip").build()) {

      assertThat(exporter.export(sent).join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
    }

    SdkSpanAssertions.assertArrivedWhole(sink.stored(), sent);
  }

  @Test
  void browserFetchSpanOverGrpc_alsoStoredAsRumResourceWithItsTraceparent() {
    List<SpanData> sent = SdkSpans.recordBrowserFetch();
    try (OtlpGrpcSpanExporter exporter = OtlpGrpcSpanExporter.builder()
        .setEndpoint("http://127.0.0.1:" + server.port()).build()) {

      assertThat(exporter.export(sent).join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
    }

    SpanData fetch = sent.get(0);
    assertThat(sink.stored()).hasSize(1);
    assertThat(sink.storedRum()).singleElement().isInstanceOfSatisfying(RumResource.class, r -> {
      assertThat(r.eventId()).isEqualTo("otel-" + fetch.getSpanId());
      assertThat(r.url()).isEqualTo("https://api.shop.example/cart");
      assertThat(r.timing().requestStart()).isEqualTo(2_000_000);
      assertThat(r.timing().responseStart()).isEqualTo(9_000_000);
      assertThat(r.propagation()).containsExactly(new PropagatedContext(HeaderFormat.W3C,
          TraceId.fromHex(fetch.getTraceId()), SpanId.fromHex(fetch.getSpanId()), Sampling.SAMPLED));
    });
  }

  @ParameterizedTest
  @EnumSource(IngestRefusedException.Reason.class)
  void sinkRefusesOnce_sdkExporterRetriesAndSpansAreStoredExactlyOnce(
      IngestRefusedException.Reason reason) {
    sink.thenFail(new IngestRefusedException(reason, Duration.ofMillis(100), "busy"));
    List<SpanData> sent = SdkSpans.record();
    try (OtlpGrpcSpanExporter exporter = OtlpGrpcSpanExporter.builder()
        .setEndpoint("http://127.0.0.1:" + server.port()).setRetryPolicy(FAST_RETRY).build()) {

      assertThat(exporter.export(sent).join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
    }

    assertThat(sink.calls()).isEqualTo(2);
    SdkSpanAssertions.assertArrivedWhole(sink.stored(), sent);
  }

  @Test
  void refusal_carriesItsCodeAndRetryInfo() {
    sink.thenFail(new IngestRefusedException(IngestRefusedException.Reason.OVERLOADED,
        Duration.ofSeconds(2), "too many writes in flight"));

    StatusRuntimeException failure = exportExpectingFailure(OtlpProtos.request(FULL).toByteArray());

    assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(failure.getStatus().getDescription())
        .isEqualTo("spans not stored, retry later: too many writes in flight");
    assertThat(retryDelaySeconds(failure)).isEqualTo(2);
  }

  @Test
  void storeSlowerThanTheClientsDeadline_answersUnavailableBeforeIt() {
    sink.thenAnswer(spans -> new CompletableFuture<>()); // never acknowledged
    long started = System.nanoTime();

    assertThatThrownBy(() -> TraceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(1500, TimeUnit.MILLISECONDS)
        .export(OtlpProtos.request(FULL)))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
          assertThat(e.getStatus().getDescription()).contains("before the client's deadline");
          assertThat(retryDelaySeconds(e)).isEqualTo(1);
        });
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1500));
  }

  @Test
  void callWhoseRequestNeverEnds_answersUnavailableBeforeTheClientsDeadline() throws Exception {
    // The message sent, the end of the stream never, so the handler never starts: like a call whose body
    // is stuck behind a congested connection or waits for a thread to decode it.
    ClientCall<byte[], ExportTraceServiceResponse> call = channel.newCall(TraceExportService.EXPORT,
        CallOptions.DEFAULT.withDeadlineAfter(1500, TimeUnit.MILLISECONDS));
    CompletableFuture<StatusRuntimeException> closed = new CompletableFuture<>();
    long started = System.nanoTime();
    call.start(new ClientCall.Listener<>() {
      @Override
      public void onClose(Status status, Metadata trailers) {
        closed.complete(status.asRuntimeException(trailers));
      }
    }, new Metadata());
    call.request(1);
    call.sendMessage(OtlpProtos.request(FULL).toByteArray());

    StatusRuntimeException answer = closed.get(5, TimeUnit.SECONDS);

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1500));
    assertThat(answer.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(answer.getStatus().getDescription()).contains("before the client's deadline");
    assertThat(retryDelaySeconds(answer)).isEqualTo(1);
    assertThat(sink.calls()).isZero();
    call.cancel("test over", null);
  }

  @Test
  void callArrivingWithLessThanTheMarginLeft_isRefusedWithoutReachingTheStore() {
    assertThatThrownBy(() -> TraceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(300, TimeUnit.MILLISECONDS)
        .export(OtlpProtos.request(FULL)))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
    assertThat(sink.calls()).isZero();
  }

  @Test
  void unexpectedSinkFailure_answersUnavailableWithRetryInfo() {
    sink.thenFail(new IllegalStateException("driver bug"));

    StatusRuntimeException failure = exportExpectingFailure(OtlpProtos.request(FULL).toByteArray());

    assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(retryDelaySeconds(failure)).isEqualTo(5);
  }

  @Test
  void undecodableMessage_answersInvalidArgumentSayingWhy() throws Exception {
    byte[] whole = OtlpProtos.request(FULL).toByteArray();

    StatusRuntimeException failure = exportExpectingFailure(java.util.Arrays.copyOf(whole, 40));

    assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(failure.getStatus().getDescription())
        .startsWith("undecodable protobuf ExportTraceServiceRequest near byte");
    com.google.rpc.Status details = StatusProto.fromThrowable(failure);
    assertThat(details.getDetails(0).unpack(BadRequest.class).getFieldViolationsCount()).isEqualTo(1);
    assertThat(sink.calls()).isZero();
  }

  @Test
  void emptyExport_answersOkWithoutPartialSuccess() {
    ExportTraceServiceResponse response = TraceServiceGrpc.newBlockingStub(channel)
        .export(ExportTraceServiceRequest.getDefaultInstance());

    assertThat(response.hasPartialSuccess()).isFalse();
    assertThat(sink.calls()).isZero();
  }

  @Test
  void invalidSpan_answersOkWithPartialSuccess() {
    var good = OtlpProtos.span(FULL);
    var bad = good.toBuilder().setTraceId(ByteString.copyFrom(new byte[16])).build();

    ExportTraceServiceResponse response = TraceServiceGrpc.newBlockingStub(channel).withCompression("gzip")
        .export(OtlpProtos.requestOf(List.of(good, bad)));

    assertThat(response.getPartialSuccess().getRejectedSpans()).isEqualTo(1);
    assertThat(response.getPartialSuccess().getErrorMessage())
        .isEqualTo("resourceSpans[0].scopeSpans[0].spans[1] rejected: traceId: all zero "
            + "(expected: a non-zero id)");
    assertThat(sink.stored()).hasSize(1);
  }

  @Test
  void messageOverTheLimit_answersResourceExhaustedWithoutRetryInfo() throws IOException {
    try (OtlpGrpcServer small = OtlpGrpcServer.start(new InetSocketAddress("127.0.0.1", 0), sink,
        new OtlpLimits(1024, 1024, 1024), executor)) {
      ManagedChannel smallChannel =
          NettyChannelBuilder.forAddress("127.0.0.1", small.port()).usePlaintext().build();
      try {
        Span big = FULL.toBuilder().name("x".repeat(2000)).build();

        assertThatThrownBy(() -> TraceServiceGrpc.newBlockingStub(smallChannel)
            .export(OtlpProtos.request(big)))
            .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
              com.google.rpc.Status status = StatusProto.fromThrowable(e);
              assertThat(status == null ? 0 : status.getDetailsCount()).isZero();
            });
      } finally {
        smallChannel.shutdownNow();
      }
    }
    assertThat(sink.calls()).isZero();
  }

  @Test
  void logsService_answersUnimplemented() {
    assertThatThrownBy(() -> LogsServiceGrpc.newBlockingStub(channel)
        .export(ExportLogsServiceRequest.getDefaultInstance()))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED));
  }

  @Test
  void close_letsAnInFlightExportFinish() throws Exception {
    CompletableFuture<IngestReceipt> durable = new CompletableFuture<>();
    sink.thenAnswer(spans -> durable.thenApply(ignored -> sink.store(spans)));
    var inFlight = TraceServiceGrpc.newFutureStub(channel).export(OtlpProtos.request(FULL));
    while (sink.calls() == 0) Thread.sleep(5);

    CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close, executor);
    Thread.sleep(100);
    assertThat(closing).isNotDone();
    durable.complete(IngestReceipt.accepted(1));

    assertThat(inFlight.get(10, TimeUnit.SECONDS).hasPartialSuccess()).isFalse();
    closing.get(10, TimeUnit.SECONDS);
    assertThat(sink.stored()).containsExactly(FULL);
  }

  @Test
  void portAlreadyTaken_failsToStartWithIOException() {
    assertThatThrownBy(() -> OtlpGrpcServer.start(new InetSocketAddress("127.0.0.1", server.port()),
        sink, OtlpLimits.defaults(), executor))
        .isInstanceOf(IOException.class);
  }

  private StatusRuntimeException exportExpectingFailure(byte[] body) {
    try {
      ClientCalls.blockingUnaryCall(channel, TraceExportService.EXPORT,
          io.grpc.CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), body);
    } catch (StatusRuntimeException e) {
      return e;
    }
    throw new AssertionError("export succeeded");
  }

  private static long retryDelaySeconds(StatusRuntimeException failure) {
    try {
      return StatusProto.fromThrowable(failure).getDetails(0).unpack(RetryInfo.class)
          .getRetryDelay().getSeconds();
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }
}
