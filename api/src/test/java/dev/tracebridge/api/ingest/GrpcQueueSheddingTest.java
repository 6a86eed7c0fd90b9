package dev.tracebridge.api.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.rpc.RetryInfo;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class GrpcQueueSheddingTest {
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicInteger started = new AtomicInteger();
  private final ServerCallHandler<byte[], byte[]> handler = (call, headers) -> {
    started.incrementAndGet();
    return new ServerCall.Listener<>() {};
  };
  private final GrpcQueueShedding shedding = new GrpcQueueShedding(queued::get, 4, 2, Duration.ofSeconds(1));

  @Test
  void callsPastTheInProgressLimit_refusedRetryablyBeforeTheHandler() throws Exception {
    shedding.interceptCall(new RecordingCall(), new Metadata(), handler);
    shedding.interceptCall(new RecordingCall(), new Metadata(), handler);
    RecordingCall third = new RecordingCall();

    shedding.interceptCall(third, new Metadata(), handler);

    assertThat(started).hasValue(2);
    assertThat(third.status).isNotNull();
    assertThat(third.status.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(third.status.getDescription()).contains("2 exports in progress");
    assertThat(StatusProto.fromStatusAndTrailers(third.status, third.trailers).getDetails(0)
        .unpack(RetryInfo.class).getRetryDelay().getSeconds()).isEqualTo(1);
    assertThat(shedding.inProgress()).isEqualTo(2);
  }

  @Test
  void answeredOrCancelledCalls_makeRoomForNewOnes() {
    ServerCall.Listener<byte[]> answered = shedding.interceptCall(new RecordingCall(), new Metadata(), handler);
    ServerCall.Listener<byte[]> cancelled = shedding.interceptCall(new RecordingCall(), new Metadata(), handler);

    answered.onComplete();
    cancelled.onCancel();
    RecordingCall next = new RecordingCall();
    shedding.interceptCall(next, new Metadata(), handler);

    assertThat(next.status).isNull();
    assertThat(started).hasValue(3);
    assertThat(shedding.inProgress()).isEqualTo(1);
  }

  @Test
  void callsWhileTheExecutorQueueIsLong_refusedAndNotCountedInProgress() {
    queued.set(5);
    RecordingCall call = new RecordingCall();

    shedding.interceptCall(call, new Metadata(), handler);

    assertThat(call.status).isNotNull();
    assertThat(call.status.getDescription()).contains("5 exports waiting to be decoded");
    assertThat(started).hasValue(0);
    assertThat(shedding.inProgress()).isZero();
  }

  /** Records how the interceptor closed the call; nothing else of a call is used before it starts. */
  private static final class RecordingCall extends ServerCall<byte[], byte[]> {
    @Nullable Status status;
    @Nullable Metadata trailers;

    @Override
    public void close(Status status, Metadata trailers) {
      this.status = status;
      this.trailers = trailers;
    }

    @Override
    public void request(int numMessages) {}

    @Override
    public void sendHeaders(Metadata headers) {}

    @Override
    public void sendMessage(byte[] message) {}

    @Override
    public boolean isCancelled() {
      return false;
    }

    @Override
    public MethodDescriptor<byte[], byte[]> getMethodDescriptor() {
      throw new UnsupportedOperationException("not used by the interceptor");
    }
  }
}
