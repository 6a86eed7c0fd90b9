package dev.tracebridge.otlp;

import dev.tracebridge.core.ingest.IngestRefusedException;
import dev.tracebridge.core.ingest.TelemetrySink;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * OTLP/gRPC {@code TraceService/Export}. The request arrives as raw bytes and is parsed here rather than
 * by gRPC's protobuf marshaller, because gRPC answers a marshaller failure with INTERNAL, which OTLP
 * clients neither retry nor explain; this way undecodable input gets INVALID_ARGUMENT with a message
 * saying what was wrong. The decoded spans are charged to the caller's budget
 * ({@link OtlpGrpcServer#SPAN_BUDGET}) before any is stored. The call is answered only when the sink's stages
 * complete: spans, and the RUM resources made from browser spans ({@link BrowserResources}).
 */
final class TraceExportService {
  private static final MethodDescriptor.Marshaller<byte[]> RAW_BYTES =
      new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
          return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
          try {
            return stream.readAllBytes();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      };

  static final MethodDescriptor<byte[], ExportTraceServiceResponse> EXPORT =
      TraceServiceGrpc.getExportMethod().toBuilder(RAW_BYTES,
          ProtoUtils.marshaller(ExportTraceServiceResponse.getDefaultInstance())).build();

  private final TelemetrySink sink;
  private final OtlpTraceDecoder decoder;

  private TraceExportService(TelemetrySink sink, OtlpLimits limits) {
    this.sink = sink;
    this.decoder = new OtlpTraceDecoder(limits);
  }

  static ServerServiceDefinition definition(TelemetrySink sink, OtlpLimits limits) {
    TraceExportService service = new TraceExportService(sink, limits);
    return ServerServiceDefinition.builder(TraceServiceGrpc.SERVICE_NAME)
        .addMethod(EXPORT, ServerCalls.asyncUnaryCall(service::export))
        .build();
  }

  private void export(byte[] body, StreamObserver<ExportTraceServiceResponse> observer) {
    // A client that gave up (deadline, cancel) makes later answers no-ops instead of exceptions; the
    // spans may still be stored, and OTLP accepts the duplicates a retry then brings.
    // The client's deadline is kept by DeadlineGuard, which answers in time for a store still writing.
    ((ServerCallStreamObserver<ExportTraceServiceResponse>) observer).setOnCancelHandler(() -> {});
    DecodedExport decoded;
    try {
      decoded = decoder.decode(body);
    } catch (MalformedExportException e) {
      observer.onError(StatusProto.toStatusRuntimeException(
          OtlpResponseBodies.badRequest(e.getMessage(), e.field())));
      return;
    } catch (RuntimeException e) {
      observer.onError(StatusProto.toStatusRuntimeException(OtlpResponseBodies.badRequest(
          "undecodable ExportTraceServiceRequest: " + e, "")));
      return;
    }
    if (decoded.spans().isEmpty()) {
      respond(observer, PartialSuccess.of(decoded, null));
      return;
    }
    try {
      OtlpGrpcServer.SPAN_BUDGET.get().charge(decoded.spans().size());
    } catch (IngestRefusedException e) {
      refuse(observer, e);
      return;
    }
    ExportHandoff.store(sink, decoded.spans()).whenComplete((receipt, failure) -> {
      if (failure == null) {
        respond(observer, PartialSuccess.of(decoded, receipt));
      } else {
        refuse(observer, failure);
      }
    });
  }

  private static void refuse(StreamObserver<ExportTraceServiceResponse> observer, Throwable failure) {
    Refusal refusal = Refusal.of(failure);
    observer.onError(StatusProto.toStatusRuntimeException(OtlpResponseBodies.retryable(
        refusal.grpcCode(), refusal.message(), refusal.retryAfter())));
  }

  private static void respond(StreamObserver<ExportTraceServiceResponse> observer,
      PartialSuccess partial) {
    observer.onNext(OtlpResponseBodies.exportResponse(partial));
    observer.onCompleted();
  }
}
