package dev.tracebridge.api.ingest;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** What {@link IngestGate} decided about one request, before any byte of its body is read. */
public sealed interface Admission {

  /**
   * Go ahead.
   *
   * @param boundApp the app the presented key is bound to; null when no keys are configured
   * @param spanBudget what the request's spans are charged to once decoded: the client's share of the
   *     per-client span limit on OTLP exports, unlimited elsewhere
   */
  record Admitted(@Nullable String boundApp, ClientSpanBudget spanBudget) implements Admission {}

  /** No key, or a key this engine does not know: HTTP 401, gRPC UNAUTHENTICATED. */
  record Unauthenticated(String detail) implements Admission {}

  /** The client is above its request rate: HTTP 429, gRPC RESOURCE_EXHAUSTED, both saying when to retry. */
  record RateLimited(String detail, Duration retryAfter) implements Admission {}
}
