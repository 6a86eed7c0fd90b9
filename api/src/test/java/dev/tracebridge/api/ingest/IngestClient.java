package dev.tracebridge.api.ingest;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** A client of the ingest ports with headers of its choosing, over HTTP and OTLP/gRPC. */
final class IngestClient implements AutoCloseable {
  private static final long NANOS_PER_MILLI = 1_000_000L;
  private final HttpClient http = HttpClient.newHttpClient();
  private final int ingestPort;
  private final ManagedChannel channel;

  IngestClient(int ingestPort, int grpcPort) {
    this.ingestPort = ingestPort;
    this.channel = ManagedChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
  }

  HttpResponse<String> post(String path, String contentType, String body, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ingestPort + path))
        .timeout(Duration.ofSeconds(20)).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    return send(request);
  }

  /** An OTLP/HTTP protobuf export; the answer's body is protobuf too. */
  HttpResponse<byte[]> postProtobuf(String path, byte[] body, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ingestPort + path))
        .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/x-protobuf")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    return send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    return send(request, HttpResponse.BodyHandlers.ofString());
  }

  private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
    try {
      return http.send(request.build(), body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A request without a body, e.g. a CORS preflight. */
  HttpResponse<String> send(String method, String path, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ingestPort + path))
        .timeout(Duration.ofSeconds(20)).method(method, HttpRequest.BodyPublishers.noBody());
    headers.forEach(request::header);
    return send(request);
  }

  /** One OTLP/gRPC export of one span of {@code service}, with the given metadata. */
  ExportTraceServiceResponse export(String service, Map<String, String> metadata) {
    return export(oneSpan(service), metadata);
  }

  ExportTraceServiceResponse export(ExportTraceServiceRequest request, Map<String, String> metadata) {
    Metadata headers = new Metadata();
    metadata.forEach((k, v) -> headers.put(Metadata.Key.of(k, Metadata.ASCII_STRING_MARSHALLER), v));
    return TraceServiceGrpc.newBlockingStub(channel)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
        .withDeadlineAfter(20, TimeUnit.SECONDS)
        .export(request);
  }

  static ExportTraceServiceRequest oneSpan(String service) {
    byte[] traceId = new byte[16];
    ThreadLocalRandom.current().nextBytes(traceId);
    return spans(service, traceId, 1);
  }

  /** {@code count} spans of {@code service} in the trace {@code traceId} (16 bytes), each with a random id. */
  static ExportTraceServiceRequest spans(String service, byte[] traceId, int count) {
    long now = System.currentTimeMillis() * NANOS_PER_MILLI;
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    for (int i = 0; i < count; i++) {
      byte[] spanId = new byte[8];
      ThreadLocalRandom.current().nextBytes(spanId);
      scope.addSpans(Span.newBuilder().setTraceId(ByteString.copyFrom(traceId)).setSpanId(ByteString.copyFrom(spanId))
          .setName("GET /stock").setKind(Span.SpanKind.SPAN_KIND_SERVER)
          .setStartTimeUnixNano(now).setEndTimeUnixNano(now + 5 * NANOS_PER_MILLI));
    }
    Resource resource = Resource.newBuilder().addAttributes(KeyValue.newBuilder().setKey("service.name")
        .setValue(AnyValue.newBuilder().setStringValue(service))).build();
    return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder().setResource(resource)
        .addScopeSpans(scope)).build();
  }

  /** OTLP/JSON of one span of {@code service}. */
  static String oneSpanJson(String service) {
    String traceId = String.format("%016x%016x", ThreadLocalRandom.current().nextLong(),
        ThreadLocalRandom.current().nextLong());
    String spanId = String.format("%016x", ThreadLocalRandom.current().nextLong());
    long now = System.currentTimeMillis() * NANOS_PER_MILLI;
    return "{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":{\"stringValue\":\""
        + service + "\"}}]},\"scopeSpans\":[{\"spans\":[{\"traceId\":\"" + traceId + "\",\"spanId\":\"" + spanId
        + "\",\"name\":\"GET /stock\",\"kind\":2,\"startTimeUnixNano\":\"" + now + "\",\"endTimeUnixNano\":\""
        + (now + 5 * NANOS_PER_MILLI) + "\"}]}]}]}";
  }

  @Override
  public void close() {
    channel.shutdownNow();
  }
}
