package dev.tracebridge.otlp;

import dev.tracebridge.core.ingest.IngestRefusedException;
import io.grpc.Status;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * A sink failure told back as OTLP's retryable answer. {@link IngestRefusedException} carries its own
 * reason and delay; any other failure means the spans are not known to be durable, so the client must
 * send them again: 503 / UNAVAILABLE, never a 500, which OTLP clients would not retry.
 */
record Refusal(int httpStatus, Status.Code grpcCode, Duration retryAfter, String message) {
  /**
   * Delay suggested when the sink failed without saying how long to wait: long enough for a store node
   * to be replaced by the driver, short enough that an SDK's bounded export queue does not overflow.
   */
  static final Duration UNKNOWN_FAILURE_RETRY = Duration.ofSeconds(5);

  static final int TOO_MANY_REQUESTS = 429;
  static final int SERVICE_UNAVAILABLE = 503;

  static Refusal of(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof IngestRefusedException refused) {
      boolean overloaded = refused.reason() == IngestRefusedException.Reason.OVERLOADED;
      String why = refused.getMessage() == null ? refused.reason().toString() : refused.getMessage();
      return new Refusal(overloaded ? TOO_MANY_REQUESTS : SERVICE_UNAVAILABLE,
          overloaded ? Status.Code.RESOURCE_EXHAUSTED : Status.Code.UNAVAILABLE,
          refused.retryAfter(), "spans not stored, retry later: " + why);
    }
    // The cause may name internal hosts or queries: the client only learns that it must retry.
    return new Refusal(SERVICE_UNAVAILABLE, Status.Code.UNAVAILABLE, UNKNOWN_FAILURE_RETRY,
        "spans not stored (the store did not acknowledge them), retry later");
  }

  /** Retry-After in whole seconds, rounded up, at least 1: "0" would invite an immediate retry storm. */
  String retryAfterSeconds() {
    long millis = retryAfter.toMillis();
    long seconds = Math.max(1, (millis + 999) / 1000);
    return Long.toString(seconds);
  }
}
