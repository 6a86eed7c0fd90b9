package dev.tracebridge.otlp;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.ingest.IngestEndpoint;
import dev.tracebridge.core.ingest.IngestRefusedException;
import dev.tracebridge.core.ingest.IngestRequest;
import dev.tracebridge.core.ingest.IngestResponse;
import dev.tracebridge.core.ingest.SpanBudget;
import dev.tracebridge.core.ingest.TelemetrySink;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * OTLP/HTTP {@code POST /v1/traces}, protobuf ({@code application/x-protobuf}) or JSON
 * ({@code application/json}), identity or gzip. Browser spans of the OpenTelemetry web SDK are also
 * handed over as RUM resources ({@link BrowserResources}). It answers as the OTLP spec says: 200 with an
 * {@code ExportTraceServiceResponse} (partial success when spans were rejected) once the sink made the
 * spans (and those resources) durable; 400 with a {@code google.rpc.Status} naming what could not be
 * decoded; 413 past the size limits; 429 or 503 with {@code Retry-After} when the sink refused, or 429 when
 * the sender's {@link SpanBudget} could not pay for the decoded spans (then nothing of the export is
 * stored). Bodies use the request's encoding.
 * Requests that are not OTLP (other methods, other content types) get an RFC 9457 problem.
 */
public final class OtlpHttpTraceEndpoint implements IngestEndpoint {
  public static final String PATH = "/v1/traces";
  private static final int OK = 200;
  private static final int METHOD_NOT_ALLOWED = 405;

  private final TelemetrySink sink;
  private final OtlpLimits limits;
  private final OtlpTraceDecoder protobufDecoder;
  private final OtlpJsonTraceDecoder jsonDecoder;

  public OtlpHttpTraceEndpoint(TelemetrySink sink, OtlpLimits limits) {
    this.sink = requireNonNull(sink, "sink");
    this.limits = requireNonNull(limits, "limits");
    this.protobufDecoder = new OtlpTraceDecoder(limits);
    this.jsonDecoder = new OtlpJsonTraceDecoder(limits);
  }

  @Override
  public String path() {
    return PATH;
  }

  @Override
  public CompletionStage<IngestResponse> handle(IngestRequest request) {
    return handle(request, SpanBudget.UNLIMITED);
  }

  @Override
  public CompletionStage<IngestResponse> handle(IngestRequest request, SpanBudget budget) {
    requireNonNull(request, "request");
    requireNonNull(budget, "budget");
    if (!request.method().equals("POST")) {
      return done(ProblemResponses.problem(METHOD_NOT_ALLOWED, "Method Not Allowed",
          "OTLP exports are sent with POST, not " + request.method()).withHeader("Allow", "POST"));
    }
    OtlpEncoding encoding = OtlpEncoding.forMediaType(request.mediaType());
    if (encoding == null) {
      String sent = request.mediaType().isEmpty() ? "no Content-Type" : "Content-Type '"
          + OtlpIds.abbreviate(request.mediaType()) + "'";
      return done(ProblemResponses.problem(ContentDecoding.UNSUPPORTED_MEDIA_TYPE,
          "Unsupported Media Type", sent + " is not an OTLP encoding (expected: "
              + OtlpEncoding.PROTOBUF.mediaType() + " or " + OtlpEncoding.JSON.mediaType() + ")"));
    }
    DecodedExport decoded;
    try {
      decoded = decode(request, encoding);
    } catch (BodyRejectedException e) {
      return done(status(encoding, e.httpStatus(), OtlpResponseBodies.plain(
          e.httpStatus() == ContentDecoding.CONTENT_TOO_LARGE ? io.grpc.Status.Code.RESOURCE_EXHAUSTED
              : io.grpc.Status.Code.INVALID_ARGUMENT, e.getMessage())));
    } catch (MalformedExportException e) {
      return done(status(encoding, ContentDecoding.BAD_REQUEST,
          OtlpResponseBodies.badRequest(e.getMessage(), e.field())));
    }
    if (decoded.spans().isEmpty()) {
      return done(success(encoding, PartialSuccess.of(decoded, null)));
    }
    try {
      budget.charge(decoded.spans().size());
    } catch (IngestRefusedException e) {
      return done(refused(encoding, Refusal.of(e)));
    }
    return ExportHandoff.store(sink, decoded.spans()).handle((receipt, failure) -> failure == null
        ? success(encoding, PartialSuccess.of(decoded, receipt))
        : refused(encoding, Refusal.of(failure)));
  }

  private DecodedExport decode(IngestRequest request, OtlpEncoding encoding)
      throws BodyRejectedException, MalformedExportException {
    byte[] body = request.body();
    if (body.length > limits.maxRequestBytes()) {
      throw new BodyRejectedException(ContentDecoding.CONTENT_TOO_LARGE, "request body of "
          + body.length + " bytes is larger than " + limits.maxRequestBytes()
          + " (the receiver's maxRequestBytes)");
    }
    byte[] payload = ContentDecoding.decode(
        request.header("content-encoding"), body, limits.maxDecompressedBytes());
    try {
      return encoding == OtlpEncoding.PROTOBUF
          ? protobufDecoder.decode(payload) : jsonDecoder.decode(payload);
    } catch (RuntimeException e) {
      // Input the decoders did not foresee is still the client's input: a 400 that says so, not a 500.
      throw new MalformedExportException("undecodable " + encoding.mediaType() + " body: " + e, "",
          MalformedExportException.UNKNOWN_OFFSET);
    }
  }

  private static IngestResponse success(OtlpEncoding encoding, PartialSuccess partial) {
    return IngestResponse.of(OK, encoding.mediaType(), OtlpResponseBodies.success(encoding, partial));
  }

  private static IngestResponse refused(OtlpEncoding encoding, Refusal refusal) {
    return status(encoding, refusal.httpStatus(),
        OtlpResponseBodies.retryable(refusal.grpcCode(), refusal.message(), refusal.retryAfter()))
        .withHeader("Retry-After", refusal.retryAfterSeconds());
  }

  private static IngestResponse status(OtlpEncoding encoding, int httpStatus,
      com.google.rpc.Status status) {
    return IngestResponse.of(httpStatus, encoding.mediaType(), OtlpResponseBodies.status(encoding, status));
  }

  private static CompletionStage<IngestResponse> done(IngestResponse response) {
    return CompletableFuture.completedFuture(response);
  }
}
