package dev.tracebridge.api.ingest;

import static java.util.Objects.requireNonNull;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * Sheds OTLP/gRPC calls while the call executor is backed up: past {@code maxQueued} waiting tasks a call is
 * answered RESOURCE_EXHAUSTED with RetryInfo before its message is decoded. A refused call costs
 * microseconds, so the queue drains quickly and the calls still admitted are answered long before an
 * exporter's deadline, rather than waiting behind thousands of others and timing out.
 */
public final class GrpcQueueShedding implements ServerInterceptor {
  private final IntSupplier queued;
  private final int maxQueued;
  private final Duration retryAfter;

  public GrpcQueueShedding(IntSupplier queued, int maxQueued, Duration retryAfter) {
    this.queued = requireNonNull(queued, "queued");
    if (maxQueued < 0) throw new IllegalArgumentException("maxQueued: " + maxQueued + " (expected: >= 0)");
    this.maxQueued = maxQueued;
    this.retryAfter = requireNonNull(retryAfter, "retryAfter");
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    int waiting = queued.getAsInt();
    if (waiting <= maxQueued) return next.startCall(call, headers);
    StatusRuntimeException refusal = GrpcRetryableRefusal.resourceExhausted(
        "the engine is at its limit (" + waiting + " exports waiting to be decoded); retry later", retryAfter);
    call.close(refusal.getStatus(), refusal.getTrailers());
    return new ServerCall.Listener<>() {};
  }
}
