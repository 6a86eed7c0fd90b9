package dev.tracebridge.api.ingest;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.api.selfmetrics.EngineMetrics;
import dev.tracebridge.api.selfmetrics.RejectReason;
import dev.tracebridge.otlp.OtlpGrpcServer;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@link IngestGate} on OTLP/gRPC: reads the key from the call's metadata ({@code authorization:
 * Bearer <key>} or {@code x-tracebridge-key}) and answers UNAUTHENTICATED or RESOURCE_EXHAUSTED with a
 * {@code google.rpc.RetryInfo} (which OTLP exporters honour) before the message is decoded. An admitted
 * call carries its client's {@link ClientSpanBudget} in its context ({@link OtlpGrpcServer#SPAN_BUDGET}),
 * which the receiver charges once the message is decoded. It also counts every call's final status.
 */
public final class GrpcIngestGate implements ServerInterceptor {
  /** The label of OTLP/gRPC exports in the engine's metrics. */
  public static final String ENDPOINT = TraceServiceGrpc.getExportMethod().getFullMethodName();
  public static final String PROTOCOL = "grpc";
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of(PresentedKey.AUTHORIZATION, Metadata.ASCII_STRING_MARSHALLER);
  private static final Metadata.Key<String> KEY_HEADER =
      Metadata.Key.of(PresentedKey.KEY_HEADER, Metadata.ASCII_STRING_MARSHALLER);

  private final IngestGate gate;
  private final EngineMetrics metrics;

  public GrpcIngestGate(IngestGate gate, EngineMetrics metrics) {
    this.gate = requireNonNull(gate, "gate");
    this.metrics = requireNonNull(metrics, "metrics");
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    Map<String, String> keyHeaders = new HashMap<>();
    String authorization = headers.get(AUTHORIZATION);
    if (authorization != null) keyHeaders.put(PresentedKey.AUTHORIZATION, authorization);
    String key = headers.get(KEY_HEADER);
    if (key != null) keyHeaders.put(PresentedKey.KEY_HEADER, key);

    Admission admission = gate.admit(PresentedKey.from(keyHeaders, Map.of()), remoteAddress(call), true);
    if (admission instanceof Admission.Unauthenticated refused) {
      refuse(call, RejectReason.UNAUTHENTICATED, Status.UNAUTHENTICATED.withDescription(refused.detail()),
          new Metadata());
      return new ServerCall.Listener<>() {};
    }
    if (admission instanceof Admission.RateLimited limited) {
      StatusRuntimeException status = GrpcRetryableRefusal.resourceExhausted(limited.detail(), limited.retryAfter());
      refuse(call, RejectReason.CLIENT_RATE_LIMITED, status.getStatus(), status.getTrailers());
      return new ServerCall.Listener<>() {};
    }
    ClientSpanBudget spanBudget = ((Admission.Admitted) admission).spanBudget();
    ServerCall<Q, R> counted = new SimpleForwardingServerCall<>(call) {
      @Override
      public void close(Status status, Metadata trailers) {
        String code = status.getCode().name();
        metrics.answered(ENDPOINT, PROTOCOL, code);
        String reason = spanBudget.refused() ? RejectReason.CLIENT_SPAN_RATE_LIMITED
            : RejectReason.forGrpcCode(code);
        if (reason != null) metrics.rejected(reason, 1);
        super.close(status, trailers);
      }
    };
    // The export runs in this context, where the receiver finds the budget to charge its decoded spans to.
    Context context = Context.current().withValue(OtlpGrpcServer.SPAN_BUDGET, spanBudget);
    return Contexts.interceptCall(context, counted, headers, next);
  }

  private <Q, R> void refuse(ServerCall<Q, R> call, String reason, Status status, Metadata trailers) {
    metrics.answered(ENDPOINT, PROTOCOL, status.getCode().name());
    metrics.rejected(reason, 1);
    call.close(status, trailers);
  }

  private static String remoteAddress(ServerCall<?, ?> call) {
    SocketAddress remote = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
    if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
      return inet.getAddress().getHostAddress();
    }
    return String.valueOf(remote);
  }
}
