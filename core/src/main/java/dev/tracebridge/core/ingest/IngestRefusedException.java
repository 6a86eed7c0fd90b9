package dev.tracebridge.core.ingest;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Telemetry was not stored, and the client should send it again later. Receivers turn it into their
 * protocol's retryable answer (gRPC RESOURCE_EXHAUSTED / UNAVAILABLE, HTTP 429 / 503 with Retry-After),
 * which is how "acknowledge only what is durable" reaches the client.
 */
public final class IngestRefusedException extends RuntimeException {
  private final Reason reason;
  private final Duration retryAfter;

  public IngestRefusedException(Reason reason, Duration retryAfter, String message) {
    super(message, null, false, false);
    this.reason = requireNonNull(reason, "reason");
    this.retryAfter = requireNonNull(retryAfter, "retryAfter");
  }

  public IngestRefusedException(Reason reason, Duration retryAfter, String message, Throwable cause) {
    super(message, cause, false, false);
    this.reason = requireNonNull(reason, "reason");
    this.retryAfter = requireNonNull(retryAfter, "retryAfter");
  }

  public Reason reason() {
    return reason;
  }

  public Duration retryAfter() {
    return retryAfter;
  }

  public enum Reason {
    /** Too much in flight right now: HTTP 429, gRPC RESOURCE_EXHAUSTED. */
    OVERLOADED,
    /** The store did not acknowledge (down, timed out): HTTP 503, gRPC UNAVAILABLE. */
    STORAGE_UNAVAILABLE
  }
}
