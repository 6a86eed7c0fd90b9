package dev.tracebridge.api.ingest;

import com.google.protobuf.Any;
import com.google.rpc.Code;
import com.google.rpc.RetryInfo;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.time.Duration;

/**
 * RESOURCE_EXHAUSTED with a {@code google.rpc.RetryInfo} detail: the refusal OTLP exporters retry after the
 * delay it names (without RetryInfo the OTLP spec makes RESOURCE_EXHAUSTED final).
 */
final class GrpcRetryableRefusal {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private GrpcRetryableRefusal() {}

  static StatusRuntimeException resourceExhausted(String detail, Duration retryAfter) {
    long nanos = retryAfter.toNanos();
    return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
        .setCode(Code.RESOURCE_EXHAUSTED_VALUE)
        .setMessage(detail)
        .addDetails(Any.pack(RetryInfo.newBuilder().setRetryDelay(com.google.protobuf.Duration.newBuilder()
            .setSeconds(nanos / NANOS_PER_SECOND).setNanos((int) (nanos % NANOS_PER_SECOND))).build()))
        .build());
  }
}
