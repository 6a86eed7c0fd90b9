package dev.tracebridge.otlp;

import static dev.tracebridge.otlp.Requests.JSON;
import static dev.tracebridge.otlp.Requests.PROTOBUF;
import static dev.tracebridge.otlp.Requests.post;
import static dev.tracebridge.otlp.Requests.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.rpc.RetryInfo;
import dev.tracebridge.core.ingest.IngestRefusedException;
import dev.tracebridge.core.ingest.IngestRequest;
import dev.tracebridge.core.ingest.IngestResponse;
import dev.tracebridge.core.ingest.SpanBudget;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.storage.TestTelemetry;
import io.grpc.CallOptions;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ClientCalls;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The receiver charges a decoded export's spans to the sender's {@link SpanBudget} before storing any, on
 * OTLP/HTTP (protobuf and JSON) and OTLP/gRPC alike, and a refusal stores nothing.
 */
class ExportSpanBudgetTest {
  private static final TraceId TRACE = TraceId.fromHex("0af7651916cd43dd8448eb211c80319c");
  private static final Span FIRST = TestTelemetry.fullSpan(TRACE, SpanId.fromHex("b7ad6b7169203331"), null);
  private static final Span SECOND = TestTelemetry.fullSpan(TRACE, SpanId.fromHex("00f067aa0ba902b7"), null);
  private static final Duration RETRY_AFTER = Duration.ofMillis(2_250);

  private final RecordingSink sink = new RecordingSink();
  private final OtlpHttpTraceEndpoint endpoint = new OtlpHttpTraceEndpoint(sink, OtlpLimits.defaults());
  /** Span counts charged, each with the number of spans the sink held at that moment. */
  private final List<List<Integer>> charges = new CopyOnWriteArrayList<>();
  private final SpanBudget recording = spans -> charges.add(List.of(spans, sink.stored().size()));
  private final SpanBudget refusing = spans -> {
    charges.add(List.of(spans, sink.stored().size()));
    throw new IngestRefusedException(IngestRefusedException.Reason.OVERLOADED, RETRY_AFTER,
        "above the span limit");
  };

  @Test
  void httpExport_chargedItsSpanCountBeforeAnyIsStored() {
    IngestResponse response = answer(post(PROTOBUF, OtlpProtos.request(FIRST, SECOND).toByteArray()), recording);

    assertThat(response.status()).isEqualTo(200);
    assertThat(charges).containsExactly(List.of(2, 0));
    assertThat(sink.stored()).containsExactly(FIRST, SECOND);
  }

  @Test
  void httpExportWithInvalidSpans_chargedOnlyTheSpansItWouldStore() {
    var good = OtlpProtos.span(FIRST);
    var bad = good.toBuilder().setSpanId(ByteString.copyFrom(new byte[3])).build();

    IngestResponse response =
        answer(post(PROTOBUF, OtlpProtos.requestOf(List.of(good, bad)).toByteArray()), recording);

    assertThat(response.status()).isEqualTo(200);
    assertThat(charges).containsExactly(List.of(1, 0));
  }

  @Test
  void emptyHttpExport_isNotCharged() {
    IngestResponse response = answer(post(PROTOBUF, new byte[0]), refusing);

    assertThat(response.status()).isEqualTo(200);
    assertThat(charges).isEmpty();
  }

  @Test
  void refusedProtobufExport_answers429WithRetryAfterAndRetryInfo_andStoresNothing() throws Exception {
    IngestResponse response = answer(post(PROTOBUF, OtlpProtos.request(FIRST, SECOND).toByteArray()), refusing);

    assertThat(response.status()).isEqualTo(429);
    assertThat(response.contentType()).isEqualTo(PROTOBUF);
    assertThat(response.headers()).containsEntry("Retry-After", "3");
    com.google.rpc.Status status = com.google.rpc.Status.parseFrom(response.body());
    assertThat(status.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED.value());
    assertThat(status.getMessage()).isEqualTo("spans not stored, retry later: above the span limit");
    com.google.protobuf.Duration delay = status.getDetails(0).unpack(RetryInfo.class).getRetryDelay();
    assertThat(Duration.ofSeconds(delay.getSeconds(), delay.getNanos())).isEqualTo(RETRY_AFTER);
    assertThat(sink.calls()).isZero();
  }

  @Test
  void refusedJsonExportOfBrowserSpans_answers429InJson_andStoresNeitherSpansNorResources() throws Exception {
    IngestResponse response = answer(post(JSON, Fixtures.read("otel-web-2.12/otlp-traces-1.json")), refusing);

    assertThat(response.status()).isEqualTo(429);
    assertThat(response.contentType()).isEqualTo(JSON);
    assertThat(response.headers()).containsEntry("Retry-After", "3");
    assertThat(text(response)).isEqualTo("{\"code\":8,\"message\":\"spans not stored, retry later: "
        + "above the span limit\",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\","
        + "\"retryDelay\":\"2.25s\"}]}");
    assertThat(charges).containsExactly(List.of(4, 0));
    assertThat(sink.stored()).isEmpty();
    assertThat(sink.storedRum()).isEmpty();
  }

  @Test
  void handleWithoutBudget_isNotLimited() {
    IngestResponse response = Requests.answer(endpoint, post(PROTOBUF, OtlpProtos.request(FIRST).toByteArray()));

    assertThat(response.status()).isEqualTo(200);
    assertThat(sink.stored()).containsExactly(FIRST);
  }

  @Test
  void grpcExport_chargedToTheBudgetInTheCallsContext() throws IOException {
    try (Grpc grpc = new Grpc(recording)) {
      ExportTraceServiceResponse response = grpc.export(OtlpProtos.request(FIRST, SECOND).toByteArray());

      assertThat(response.hasPartialSuccess()).isFalse();
    }
    assertThat(charges).containsExactly(List.of(2, 0));
    assertThat(sink.stored()).containsExactly(FIRST, SECOND);
  }

  @Test
  void refusedGrpcExport_answersResourceExhaustedWithRetryInfo_andStoresNothing() throws Exception {
    StatusRuntimeException failure;
    try (Grpc grpc = new Grpc(refusing)) {
      failure = grpc.exportExpectingFailure(OtlpProtos.request(FIRST, SECOND).toByteArray());
    }

    assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(failure.getStatus().getDescription()).isEqualTo("spans not stored, retry later: above the span limit");
    com.google.protobuf.Duration delay =
        StatusProto.fromThrowable(failure).getDetails(0).unpack(RetryInfo.class).getRetryDelay();
    assertThat(Duration.ofSeconds(delay.getSeconds(), delay.getNanos())).isEqualTo(RETRY_AFTER);
    assertThat(charges).hasSize(1);
    assertThat(sink.calls()).isZero();
  }

  private IngestResponse answer(IngestRequest request, SpanBudget budget) {
    try {
      return endpoint.handle(request, budget).toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("endpoint did not answer", e);
    }
  }

  /** The gRPC receiver behind an interceptor that attaches {@code budget} to every call, as the engine does. */
  private final class Grpc implements AutoCloseable {
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final OtlpGrpcServer server;
    private final ManagedChannel channel;

    Grpc(SpanBudget budget) throws IOException {
      ServerInterceptor attach = new ServerInterceptor() {
        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
          Context context = Context.current().withValue(OtlpGrpcServer.SPAN_BUDGET, budget);
          return Contexts.interceptCall(context, call, headers, next);
        }
      };
      server = OtlpGrpcServer.start(new InetSocketAddress("127.0.0.1", 0), sink, OtlpLimits.defaults(),
          executor, List.of(attach));
      channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
    }

    ExportTraceServiceResponse export(byte[] body) {
      return ClientCalls.blockingUnaryCall(channel, TraceExportService.EXPORT,
          CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), body);
    }

    StatusRuntimeException exportExpectingFailure(byte[] body) {
      try {
        export(body);
      } catch (StatusRuntimeException e) {
        return e;
      }
      throw new AssertionError("export succeeded");
    }

    @Override
    public void close() {
      channel.shutdownNow();
      server.close();
      executor.shutdownNow();
    }
  }
}
