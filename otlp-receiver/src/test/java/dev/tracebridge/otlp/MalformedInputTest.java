package dev.tracebridge.otlp;

import static dev.tracebridge.otlp.Requests.JSON;
import static dev.tracebridge.otlp.Requests.PROTOBUF;
import static dev.tracebridge.otlp.Requests.answer;
import static dev.tracebridge.otlp.Requests.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.CodedOutputStream;
import dev.tracebridge.core.ingest.IngestRequest;
import dev.tracebridge.core.ingest.IngestResponse;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.storage.TestTelemetry;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Hostile and broken bodies against the HTTP endpoint: each gets a 4xx that says what was wrong, none
 * reaches the sink, and no exception escapes.
 */
class MalformedInputTest {
  private static final OtlpLimits SMALL = new OtlpLimits(64 * 1024, 256 * 1024, 1024);
  private static final byte[] VALID = OtlpProtos.request(TestTelemetry.fullSpan(
      TraceId.fromHex("0af7651916cd43dd8448eb211c80319c"), SpanId.fromHex("b7ad6b7169203331"), null))
      .toByteArray();

  private final RecordingSink sink = new RecordingSink();
  private final OtlpHttpTraceEndpoint endpoint = new OtlpHttpTraceEndpoint(sink, SMALL);

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("truncated protobuf", post(PROTOBUF, Arrays.copyOf(VALID, VALID.length - 3)),
            400, "input ended unexpectedly"),
        // A known field with another valid wire type is skipped as unknown (protobuf's rule); wire
        // types 6 and 7 do not exist and cannot be skipped.
        Arguments.of("wire type that does not exist", post(PROTOBUF, new byte[] {0x0e, 0x01}), 400,
            "invalid wire type"),
        Arguments.of("group start never ended", post(PROTOBUF, new byte[] {0x0b, 0x08, 0x01}), 400,
            "undecodable protobuf"),
        Arguments.of("length beyond the body", post(PROTOBUF, new byte[] {0x0a, 0x7f, 0x01}), 400,
            "undecodable protobuf"),
        Arguments.of("invalid UTF-8 in a protobuf string", post(PROTOBUF, invalidUtf8Name()), 400,
            "invalid UTF-8"),
        Arguments.of("protobuf nested past the recursion limit", post(PROTOBUF, deeplyNestedValue()),
            400, "too many levels of nesting"),
        Arguments.of("empty JSON body", post(JSON, new byte[0]), 400, "empty body"),
        Arguments.of("JSON that is not JSON", post(JSON, utf8("resourceSpans=1")), 400,
            "undecodable JSON"),
        Arguments.of("JSON with wrong field types", post(JSON, utf8("{\"resourceSpans\": 7}")), 400,
            "expected an array of ResourceSpans, got number 7"),
        Arguments.of("invalid UTF-8 in JSON", post(JSON, new byte[] {'{', '"', (byte) 0xFF, '"', ':',
            '1', '}'}), 400, "Invalid UTF-8"),
        Arguments.of("JSON nested past the parser's depth limit", post(JSON, deepJson()), 400,
            "nesting depth"),
        Arguments.of("wrong content type", post("text/plain", VALID), 415, "not an OTLP encoding"),
        Arguments.of("gzip header on plain bytes", post(PROTOBUF, "gzip", VALID), 400,
            "not valid gzip"),
        Arguments.of("truncated gzip", post(PROTOBUF, "gzip", truncatedGzip()), 400, "ends early"),
        Arguments.of("empty gzip body", post(PROTOBUF, "gzip", new byte[0]), 400, "ends early"),
        Arguments.of("gzip bomb", post(PROTOBUF, "gzip", Requests.gzip(new byte[10 * 1024 * 1024])),
            413, "larger than 262144 bytes once decompressed"),
        Arguments.of("plain body over the decompressed limit",
            post(JSON, new byte[SMALL.maxDecompressedBytes() + 1]), 413, "maxRequestBytes"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void malformedBody_answers4xxWithAReasonAndStoresNothing(String description, IngestRequest request,
      int status, String reason) {
    IngestResponse response = answer(endpoint, request);

    assertThat(response.status()).as(description).isEqualTo(status);
    assertThat(Requests.text(response)).as(description).contains(reason);
    assertThat(sink.calls()).isZero();
  }

  @Test
  void hugeAttributeValue_droppedCountedAndToldInPartialSuccess() throws Exception {
    Span span = Span.builder().traceId(TraceId.fromHex("0af7651916cd43dd8448eb211c80319c"))
        .spanId(SpanId.fromHex("b7ad6b7169203331"))
        .attributes(dev.tracebridge.core.model.Attributes.builder()
            .put("db.statement", "x".repeat(20_000)).put("kept", 1L).build())
        .build();

    IngestResponse response = answer(endpoint,
        post(PROTOBUF, "gzip", Requests.gzip(OtlpProtos.request(span).toByteArray())));

    assertThat(response.status()).isEqualTo(200);
    var partial = ExportTraceServiceResponse.parseFrom(response.body()).getPartialSuccess();
    assertThat(partial.getRejectedSpans()).isZero();
    assertThat(partial.getErrorMessage()).isEqualTo("resourceSpans[0].scopeSpans[0].spans[0]: "
        + "attribute 'db.statement' dropped: value larger than 1024 bytes (the receiver's "
        + "maxAttributeValueBytes)");
    Span stored = sink.stored().get(0);
    assertThat(stored.attributes().asMap()).containsOnlyKeys("kept");
    assertThat(stored.droppedAttributesCount()).isEqualTo(1);
  }

  @Test
  void randomBytes_neverEscapeAsAnException() {
    Random random = new Random(42);
    for (int i = 0; i < 500; i++) {
      byte[] body = Arrays.copyOf(VALID, VALID.length);
      for (int flips = 0; flips < 1 + random.nextInt(8); flips++) {
        body[random.nextInt(body.length)] = (byte) random.nextInt(256);
      }
      String type = random.nextBoolean() ? PROTOBUF : JSON;

      IngestResponse response = answer(endpoint, post(type, body));

      assertThat(response.status()).as("mutation %d", i).isIn(200, 400);
    }
  }

  private static byte[] invalidUtf8Name() {
    byte[] body = OtlpProtos.request(Span.builder()
        .traceId(TraceId.fromHex("0af7651916cd43dd8448eb211c80319c"))
        .spanId(SpanId.fromHex("b7ad6b7169203331")).name("NAME").build()).toByteArray();
    int at = new String(body, StandardCharsets.ISO_8859_1).indexOf("NAME");
    body[at] = (byte) 0xC3;
    body[at + 1] = (byte) 0x28;
    return body;
  }

  /** An AnyValue array nested 200 deep: protobuf's recursion limit (100) stops it. */
  private static byte[] deeplyNestedValue() {
    var value = io.opentelemetry.proto.common.v1.AnyValue.newBuilder().setIntValue(1).build();
    for (int i = 0; i < 200; i++) {
      value = io.opentelemetry.proto.common.v1.AnyValue.newBuilder()
          .setArrayValue(io.opentelemetry.proto.common.v1.ArrayValue.newBuilder().addValues(value))
          .build();
    }
    var span = OtlpProtos.span(Span.builder().traceId(TraceId.fromHex("0af7651916cd43dd8448eb211c80319c"))
        .spanId(SpanId.fromHex("b7ad6b7169203331")).build()).toBuilder()
        .addAttributes(io.opentelemetry.proto.common.v1.KeyValue.newBuilder().setKey("deep").setValue(value))
        .build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      CodedOutputStream coded = CodedOutputStream.newInstance(out);
      OtlpProtos.requestOf(java.util.List.of(span)).writeTo(coded);
      coded.flush();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    return out.toByteArray();
  }

  private static byte[] deepJson() {
    String value = "{\"intValue\": 1}";
    for (int i = 0; i < 400; i++) {
      value = "{\"arrayValue\": {\"values\": [" + value + "]}}";
    }
    return utf8("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":"
        + "\"0af7651916cd43dd8448eb211c80319c\",\"spanId\":\"b7ad6b7169203331\",\"attributes\":"
        + "[{\"key\":\"deep\",\"value\":" + value + "}]}]}]}]}");
  }

  private static byte[] truncatedGzip() {
    byte[] gzip = Requests.gzip(VALID);
    return Arrays.copyOf(gzip, gzip.length - 12);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
