package dev.tracebridge.otlp;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.RetryInfo;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The bodies OTLP/HTTP answers with, in protobuf or in JSON: {@code ExportTraceServiceResponse} on
 * success (with {@code partial_success} only when there is something to say) and {@code google.rpc.Status}
 * on failure, with a {@code BadRequest} detail for bad data or a {@code RetryInfo} detail for throttling.
 */
final class OtlpResponseBodies {
  private static final JsonFactory JSON = JsonFactory.builder().build();
  private static final String TYPE_PREFIX = "type.googleapis.com/";

  private OtlpResponseBodies() {}

  static ExportTraceServiceResponse exportResponse(PartialSuccess partial) {
    if (partial.isEmpty()) return ExportTraceServiceResponse.getDefaultInstance();
    return ExportTraceServiceResponse.newBuilder()
        .setPartialSuccess(ExportTracePartialSuccess.newBuilder()
            .setRejectedSpans(partial.rejectedSpans())
            .setErrorMessage(partial.errorMessage()))
        .build();
  }

  static byte[] success(OtlpEncoding encoding, PartialSuccess partial) {
    if (encoding == OtlpEncoding.PROTOBUF) return exportResponse(partial).toByteArray();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator json = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
      json.writeStartObject();
      if (!partial.isEmpty()) {
        json.writeName("partialSuccess");
        json.writeStartObject();
        // proto3 JSON writes int64 as a decimal string.
        json.writeStringProperty("rejectedSpans", Long.toString(partial.rejectedSpans()));
        json.writeStringProperty("errorMessage", partial.errorMessage());
        json.writeEndObject();
      }
      json.writeEndObject();
    }
    return out.toByteArray();
  }

  /** A google.rpc.Status naming the bad field (BadRequest detail) when the decoder knew it. */
  static com.google.rpc.Status badRequest(String message, String field) {
    com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder()
        .setCode(io.grpc.Status.Code.INVALID_ARGUMENT.value())
        .setMessage(message);
    status.addDetails(Any.pack(BadRequest.newBuilder()
        .addFieldViolations(BadRequest.FieldViolation.newBuilder()
            .setField(field.isEmpty() ? "body" : field)
            .setDescription(message))
        .build()));
    return status.build();
  }

  /** A google.rpc.Status with RetryInfo, as OTLP's throttling sections describe. */
  static com.google.rpc.Status retryable(io.grpc.Status.Code code, String message, Duration retryAfter) {
    return com.google.rpc.Status.newBuilder()
        .setCode(code.value())
        .setMessage(message)
        .addDetails(Any.pack(RetryInfo.newBuilder()
            .setRetryDelay(com.google.protobuf.Duration.newBuilder()
                .setSeconds(retryAfter.getSeconds())
                .setNanos(retryAfter.getNano()))
            .build()))
        .build();
  }

  static com.google.rpc.Status plain(io.grpc.Status.Code code, String message) {
    return com.google.rpc.Status.newBuilder().setCode(code.value()).setMessage(message).build();
  }

  /** The Status in the request's encoding; JSON writes the two detail types this receiver uses. */
  static byte[] status(OtlpEncoding encoding, com.google.rpc.Status status) {
    if (encoding == OtlpEncoding.PROTOBUF) return status.toByteArray();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator json = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
      json.writeStartObject();
      json.writeNumberProperty("code", status.getCode());
      json.writeStringProperty("message", status.getMessage());
      if (status.getDetailsCount() > 0) {
        json.writeName("details");
        json.writeStartArray();
        for (Any detail : status.getDetailsList()) {
          writeDetail(json, detail);
        }
        json.writeEndArray();
      }
      json.writeEndObject();
    }
    return out.toByteArray();
  }

  private static void writeDetail(JsonGenerator json, Any detail) {
    json.writeStartObject();
    json.writeStringProperty("@type", detail.getTypeUrl());
    BadRequest badRequest = unpack(detail, BadRequest.class);
    RetryInfo retryInfo = unpack(detail, RetryInfo.class);
    if (badRequest != null) {
      json.writeName("fieldViolations");
      json.writeStartArray();
      for (BadRequest.FieldViolation violation : badRequest.getFieldViolationsList()) {
        json.writeStartObject();
        json.writeStringProperty("field", violation.getField());
        json.writeStringProperty("description", violation.getDescription());
        json.writeEndObject();
      }
      json.writeEndArray();
    } else if (retryInfo != null) {
      com.google.protobuf.Duration delay = retryInfo.getRetryDelay();
      // proto3 JSON writes a Duration as decimal seconds with an "s" suffix.
      String seconds = delay.getNanos() == 0 ? Long.toString(delay.getSeconds())
          : java.math.BigDecimal.valueOf(delay.getSeconds()).add(
              java.math.BigDecimal.valueOf(delay.getNanos(), 9)).stripTrailingZeros().toPlainString();
      json.writeStringProperty("retryDelay", seconds + "s");
    }
    json.writeEndObject();
  }

  private static <T extends com.google.protobuf.Message> @Nullable T unpack(Any detail, Class<T> type) {
    if (!detail.getTypeUrl().startsWith(TYPE_PREFIX) || !detail.is(type)) return null;
    try {
      return detail.unpack(type);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      return null;
    }
  }
}
