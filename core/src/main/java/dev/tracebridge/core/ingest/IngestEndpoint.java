package dev.tracebridge.core.ingest;

import java.util.concurrent.CompletionStage;

/**
 * One path on the ingest HTTP port (4318). The api module routes requests by {@link #path()} after its
 * own checks (CORS, body size limit); the endpoint decodes, hands the result to a
 * {@link TelemetrySink}, and answers only once the sink says the data is durable or refused.
 * Endpoints never throw for bad input: they answer 4xx with a message saying what was wrong.
 */
public interface IngestEndpoint {

  /** The exact request path, e.g. {@code /v1/traces}. */
  String path();

  CompletionStage<IngestResponse> handle(IngestRequest request);

  /**
   * As {@link #handle(IngestRequest)}, for a sender whose spans are charged to {@code budget}. An endpoint
   * that stores spans charges them once they are decoded, before storing any, and answers the budget's
   * refusal as its protocol's retryable one; the others have nothing to charge and ignore it.
   */
  default CompletionStage<IngestResponse> handle(IngestRequest request, SpanBudget budget) {
    return handle(request);
  }
}
