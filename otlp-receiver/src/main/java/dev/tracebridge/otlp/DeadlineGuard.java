package dev.tracebridge.otlp;

import static java.util.Objects.requireNonNull;

import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Answers every export call before the client's deadline. A call not answered {@link #margin} before its
 * deadline is closed with UNAVAILABLE and RetryInfo, whatever it is waiting for: its body still crossing a
 * congested connection, a thread to decode it, or the store. The client then hears an answer it retries
 * after the suggested delay, where its own DEADLINE_EXCEEDED would tell it nothing (under 10x overload
 * calls were seen to time out before the handler ran, where a check in the handler cannot reach them).
 * A call arriving with less than the margin left is refused at once, before its body is read.
 *
 * <p>The spans of a call closed this way may still be stored afterwards; the client's retry rewrites the
 * same rows (idempotent by span id). The interceptor goes first, so that every later close (refusals of
 * other interceptors, the handler's answer) passes through its one lock.
 */
final class DeadlineGuard implements ServerInterceptor {
  private final ScheduledExecutorService timer;
  private final Duration margin;
  private final Duration retryAfter;

  DeadlineGuard(ScheduledExecutorService timer, Duration margin, Duration retryAfter) {
    this.timer = requireNonNull(timer, "timer");
    this.margin = requireNonNull(margin, "margin");
    this.retryAfter = requireNonNull(retryAfter, "retryAfter");
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    Deadline deadline = Context.current().getDeadline();
    if (deadline == null) return next.startCall(call, headers);
    long answerWithinNanos = deadline.timeRemaining(TimeUnit.NANOSECONDS) - margin.toNanos();
    if (answerWithinNanos <= 0) {
      StatusRuntimeException late = late("arrived with less than " + margin.toMillis()
          + " ms left before the client's deadline");
      call.close(late.getStatus(), late.getTrailers());
      return new ServerCall.Listener<>() {};
    }
    GuardedCall<Q, R> guarded = new GuardedCall<>(call);
    ScheduledFuture<?> expiry = timer.schedule(() -> {
      StatusRuntimeException late = late("the engine could not answer before the client's deadline");
      guarded.expire(late.getStatus(), late.getTrailers());
    }, answerWithinNanos, TimeUnit.NANOSECONDS);
    ServerCall.Listener<Q> delegate;
    try {
      delegate = next.startCall(guarded, headers);
    } catch (RuntimeException e) {
      expiry.cancel(false);
      throw e;
    }
    return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(delegate) {
      @Override
      public void onComplete() {
        expiry.cancel(false);
        super.onComplete();
      }

      @Override
      public void onCancel() {
        expiry.cancel(false);
        super.onCancel();
      }
    };
  }

  private StatusRuntimeException late(String why) {
    return StatusProto.toStatusRuntimeException(OtlpResponseBodies.retryable(Status.Code.UNAVAILABLE,
        "spans not stored, retry later: " + why, retryAfter));
  }

  /**
   * A server call that the expiry timer and the call's own threads may both answer. gRPC's calls are not
   * thread-safe, so every send goes through one lock; after the first close, later sends are dropped
   * (the answer they carry comes after the one the client already has). Expiry leaves a call alone once
   * its answer has started (headers sent): the close follows at once.
   */
  private static final class GuardedCall<Q, R> extends ForwardingServerCall.SimpleForwardingServerCall<Q, R> {
    private boolean answering;
    private boolean closed;

    GuardedCall(ServerCall<Q, R> delegate) {
      super(delegate);
    }

    @Override
    public synchronized void sendHeaders(Metadata headers) {
      if (closed) return;
      answering = true;
      super.sendHeaders(headers);
    }

    @Override
    public synchronized void sendMessage(R message) {
      if (!closed) super.sendMessage(message);
    }

    @Override
    public synchronized void setMessageCompression(boolean enabled) {
      if (!closed) super.setMessageCompression(enabled);
    }

    @Override
    public synchronized void setCompression(String compressor) {
      if (!closed) super.setCompression(compressor);
    }

    @Override
    public synchronized void close(Status status, Metadata trailers) {
      closeIfOpen(status, trailers);
    }

    synchronized void expire(Status status, @Nullable Metadata trailers) {
      if (!answering) closeIfOpen(status, trailers);
    }

    private void closeIfOpen(Status status, @Nullable Metadata trailers) {
      if (closed) return;
      closed = true;
      super.close(status, trailers == null ? new Metadata() : trailers);
    }
  }
}
