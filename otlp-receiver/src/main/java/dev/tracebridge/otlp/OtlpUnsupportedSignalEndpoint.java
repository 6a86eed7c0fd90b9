package dev.tracebridge.otlp;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.ingest.IngestEndpoint;
import dev.tracebridge.core.ingest.IngestRequest;
import dev.tracebridge.core.ingest.IngestResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * OTLP/HTTP paths of signals Tracebridge does not accept ({@code /v1/logs}, {@code /v1/metrics}).
 *
 * <p>The OTLP specification (opentelemetry-proto {@code docs/specification.md}, "OTLP/HTTP Response")
 * has no status reserved for an unsupported signal, so the answer follows its general failure rules:
 * <ul>
 *   <li><b>404 Not Found</b>, because this server has no handler for that signal — the same answer the
 *       OpenTelemetry Collector gives when no pipeline for the signal is configured;</li>
 *   <li>it is a 4xx outside the spec's retryable list (429, 502, 503, 504), and "all other 4xx or 5xx
 *       response status codes MUST NOT be retried": the exporter drops the batch instead of retrying it
 *       forever, and an SDK that exports all signals keeps working for traces;</li>
 *   <li>the body is a {@code google.rpc.Status} ("the response body for all HTTP 4xx and HTTP 5xx
 *       responses MUST be a Protobuf-encoded Status message"), code {@code UNIMPLEMENTED}, in the
 *       request's encoding: protobuf for {@code application/x-protobuf}, JSON otherwise.</li>
 * </ul>
 * Never a 2xx: a success would tell the client its data was stored when it was not. Over gRPC the
 * equivalent needs no code: the logs and metrics services are not registered, so gRPC itself answers
 * {@code UNIMPLEMENTED}, which the spec's table marks not retryable.
 */
public final class OtlpUnsupportedSignalEndpoint implements IngestEndpoint {
  public static final String LOGS_PATH = "/v1/logs";
  public static final String METRICS_PATH = "/v1/metrics";
  private static final int NOT_FOUND = 404;

  private final String path;
  private final String signal;

  /** {@code signal} names the data in the message, e.g. "logs". */
  public OtlpUnsupportedSignalEndpoint(String path, String signal) {
    this.path = requireNonNull(path, "path");
    this.signal = requireNonNull(signal, "signal");
  }

  public static OtlpUnsupportedSignalEndpoint logs() {
    return new OtlpUnsupportedSignalEndpoint(LOGS_PATH, "logs");
  }

  public static OtlpUnsupportedSignalEndpoint metrics() {
    return new OtlpUnsupportedSignalEndpoint(METRICS_PATH, "metrics");
  }

  @Override
  public String path() {
    return path;
  }

  @Override
  public CompletionStage<IngestResponse> handle(IngestRequest request) {
    requireNonNull(request, "request");
    OtlpEncoding encoding = OtlpEncoding.forMediaType(request.mediaType());
    if (encoding == null) encoding = OtlpEncoding.JSON;
    String message = "Tracebridge accepts OTLP traces only (" + OtlpHttpTraceEndpoint.PATH + "); "
        + signal + " sent to " + path + " are not accepted and not stored. Configure the exporter "
        + "to send traces only (e.g. OTEL_" + signal.toUpperCase(java.util.Locale.ROOT)
        + "_EXPORTER=none).";
    com.google.rpc.Status status =
        OtlpResponseBodies.plain(io.grpc.Status.Code.UNIMPLEMENTED, message);
    return CompletableFuture.completedFuture(IngestResponse.of(
        NOT_FOUND, encoding.mediaType(), OtlpResponseBodies.status(encoding, status)));
  }
}
