package dev.tracebridge.api.ingest;

import static java.util.Objects.requireNonNull;

import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * Sheds OTLP/gRPC calls while the engine is backed up, answering RESOURCE_EXHAUSTED with RetryInfo before a
 * call's message is read or decoded: past {@code maxQueued} tasks waiting for the call executor, or past
 * {@code maxInProgress} calls admitted and not yet answered. A refused call costs microseconds, so the
 * calls still admitted are answered long before an exporter's deadline, rather than waiting behind
 * thousands of others and timing out.
 *
 * <p>The queue alone is not enough: it is measured when a call starts, and a burst of calls that all
 * find it short are all admitted. Each then waits for its body, is decoded and only then refused by the
 * store's in-flight limit; under a 20x flood ~1,400 calls were admitted within two seconds, their decoding
 * and garbage held the call threads, and later calls waited up to 4 s for a thread, some past their
 * deadline. Counting admitted calls bounds that work, and the memory their bodies take.
 */
public final class GrpcQueueShedding implements ServerInterceptor {
  private final IntSupplier queued;
  private final int maxQueued;
  private final int maxInProgress;
  private final Duration retryAfter;
  private final AtomicInteger inProgress = new AtomicInteger();

  public GrpcQueueShedding(IntSupplier queued, int maxQueued, int maxInProgress, Duration retryAfter) {
    this.queued = requireNonNull(queued, "queued");
    if (maxQueued < 0) throw new IllegalArgumentException("maxQueued: " + maxQueued + " (expected: >= 0)");
    if (maxInProgress < 1) {
      throw new IllegalArgumentException("maxInProgress: " + maxInProgress + " (expected: > 0)");
    }
    this.maxQueued = maxQueued;
    this.maxInProgress = maxInProgress;
    this.retryAfter = requireNonNull(retryAfter, "retryAfter");
  }

  /** Calls admitted and not yet answered (or cancelled). */
  public int inProgress() {
    return inProgress.get();
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    int waiting = queued.getAsInt();
    if (waiting > maxQueued) {
      return refuse(call, waiting + " exports waiting to be decoded");
    }
    if (inProgress.incrementAndGet() > maxInProgress) {
      inProgress.decrementAndGet();
      return refuse(call, maxInProgress + " exports in progress");
    }
    AtomicBoolean ended = new AtomicBoolean();
    Runnable end = () -> {
      if (ended.compareAndSet(false, true)) inProgress.decrementAndGet();
    };
    ServerCall.Listener<Q> delegate;
    try {
      delegate = next.startCall(call, headers);
    } catch (RuntimeException e) {
      end.run();
      throw e;
    }
    return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(delegate) {
      @Override
      public void onComplete() {
        end.run();
        super.onComplete();
      }

      @Override
      public void onCancel() {
        end.run();
        super.onCancel();
      }
    };
  }

  private <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, String why) {
    StatusRuntimeException refusal = GrpcRetryableRefusal.resourceExhausted(
        "the engine is at its limit (" + why + "); retry later", retryAfter);
    call.close(refusal.getStatus(), refusal.getTrailers());
    return new ServerCall.Listener<>() {};
  }
}
