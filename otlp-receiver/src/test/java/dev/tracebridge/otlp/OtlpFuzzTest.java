package dev.tracebridge.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.tracebridge.core.fuzz.ByteMutations;
import dev.tracebridge.core.ingest.IngestRequest;
import dev.tracebridge.core.ingest.IngestResponse;
import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.storage.TestTelemetry;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Mutated OTLP exports thrown at every OTLP decoder and endpoint: protobuf and JSON bodies over HTTP
 * (plain and gzip), odd Content-Type and Content-Encoding values, raw protobuf over gRPC, and both
 * decoders directly. Whatever arrives, the answer is a success or a 4xx that says what was wrong, within
 * {@link #ANSWER_TIMEOUT}; never an exception, a hang or a 5xx. Seeds are real exports (the OpenTelemetry
 * Java SDK's own marshaler, a fully-filled core span, the OpenTelemetry web SDK's captured JSON).
 *
 * <p>Tries per property: {@code -Dtracebridge.fuzz.tries=N} (Maven property; 1000 by default). The
 * number of inputs tried is printed at the end of the class.
 */
class OtlpFuzzTest {
  /** A decode of a few kilobytes takes microseconds; this is far beyond slow, it is stuck. */
  private static final long ANSWER_TIMEOUT = 20;
  /** Small limits so that size mutations reach the 413 paths too, without allocating megabytes. */
  private static final OtlpLimits LIMITS = new OtlpLimits(256 * 1024, 1024 * 1024, 4 * 1024);
  private static final int BAD_REQUEST = 400;
  private static final int CLIENT_ERRORS_END = 499;
  private static final int OK = 200;
  private static final JsonFactory JSON = JsonFactory.builder().build();
  private static final AtomicLong TRIED = new AtomicLong();

  private static final List<byte[]> PROTOBUF_SEEDS = List.of(
      marshal(SdkSpans.record(), false),
      marshal(SdkSpans.recordBrowserFetch(), false),
      OtlpProtos.request(TestTelemetry.fullSpan(TraceId.fromHex("0af7651916cd43dd8448eb211c80319c"),
          SpanId.fromHex("b7ad6b7169203331"), null)).toByteArray());
  private static final List<byte[]> JSON_SEEDS = List.of(
      marshal(SdkSpans.record(), true),
      marshal(SdkSpans.recordBrowserFetch(), true),
      fixture("otel-web-2.12/otlp-traces-1.json"));
  /** Bytes that matter to a protobuf parser: varint continuations, wire types 0-7, lengths, zero. */
  private static final List<byte[]> PROTOBUF_TOKENS = List.of(
      new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F}, new byte[] {0x0a, 0x7f},
      new byte[] {0x0b}, new byte[] {0x0c}, new byte[] {0x0e, 0x01}, new byte[] {0x0f},
      new byte[] {0x12, 0x00}, new byte[] {(byte) 0x80}, new byte[] {0x00}, new byte[] {0x0a, 0x10},
      new byte[] {0x0a, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07});
  /** Text that matters to a JSON parser and to OTLP/JSON's rules (hex ids, enums, int64 as strings). */
  private static final List<byte[]> JSON_TOKENS = utf8(
      "{", "}", "[", "]", "\"", ":", ",", "null", "true", "-", "1e999999", "-0", "18446744073709551616",
      "\"\\ud800\"", "\\u0000", "\"traceId\":\"zz\"", "\"spanId\":1", "\"kind\":\"SPAN_KIND_NOPE\"",
      "\"startTimeUnixNano\":\"-1\"", "\"intValue\":\"9223372036854775808\"", "{\"arrayValue\":{\"values\":[",
      "[[[[[[[[[[[[[[[[", "\u00e9", "\u0000", "\"resourceSpans\":{}", "\"attributes\":7");
  /** Values a client may send in the two headers the endpoint reads. */
  private static final List<String> CONTENT_TYPES = List.of("application/x-protobuf", "application/json",
      "application/json; charset=utf-8", "APPLICATION/X-PROTOBUF", "application/protobuf", "text/plain",
      "application/x-protobuf;;;", ";", "", " ", "application/json; charset=latin1", "*/*",
      "multipart/form-data; boundary=x");
  private static final List<String> CONTENT_ENCODINGS = List.of("gzip", "GZIP", "identity", "deflate", "br",
      "zstd", "gzip, gzip", "x-gzip", "", " gzip ", "compress");

  private static ExecutorService caller;
  private static ExecutorService grpcExecutor;
  private static OtlpGrpcServer grpcServer;
  private static ManagedChannel channel;

  private final OtlpHttpTraceEndpoint endpoint = new OtlpHttpTraceEndpoint(new RecordingSink(), LIMITS);
  private final OtlpTraceDecoder protobufDecoder = new OtlpTraceDecoder(LIMITS);
  private final OtlpJsonTraceDecoder jsonDecoder = new OtlpJsonTraceDecoder(LIMITS);

  @BeforeContainer
  static void start() throws IOException {
    // Pooled, so a call stuck in a loop keeps its thread and fails only its own property.
    caller = Executors.newCachedThreadPool(r -> daemon(r, "otlp-fuzz-caller"));
    grpcExecutor = Executors.newFixedThreadPool(2, r -> daemon(r, "otlp-fuzz-grpc"));
    grpcServer = OtlpGrpcServer.start(new InetSocketAddress("127.0.0.1", 0), new RecordingSink(), LIMITS,
        grpcExecutor);
    channel = NettyChannelBuilder.forAddress("127.0.0.1", grpcServer.port()).usePlaintext().build();
  }

  @AfterContainer
  static void stop() throws InterruptedException {
    System.out.println("OtlpFuzzTest: " + TRIED.get() + " mutated inputs tried, none answered 5xx,"
        + " threw or hung");
    channel.shutdownNow().awaitTermination(ANSWER_TIMEOUT, TimeUnit.SECONDS);
    grpcServer.close();
    grpcExecutor.shutdownNow();
    caller.shutdownNow();
  }

  @Property
  void mutatedProtobufOverHttp_answersSuccessOrA4xxWithAReason(@ForAll("protobufBodies") byte[] body) {
    assertSuccessOrClientError(call(post("application/x-protobuf", null, body)));
  }

  @Property
  void mutatedJsonOverHttp_answersSuccessOrA4xxWithAReason(@ForAll("jsonBodies") byte[] body) {
    assertSuccessOrClientError(call(post("application/json", null, body)));
  }

  /** Mutations both before compression (the inflated export) and after it (the gzip stream itself). */
  @Property
  void mutatedGzipBodies_answerSuccessOrA4xxWithAReason(@ForAll("gzipBodies") byte[] body,
      @ForAll("encodings") String contentType) {
    assertSuccessOrClientError(call(post(contentType, "gzip", body)));
  }

  @Property
  void oddContentTypeAndEncodingHeaders_answerSuccessOrA4xxWithAReason(
      @ForAll("headerValues") String contentType, @ForAll("headerValues") String contentEncoding,
      @ForAll("protobufOrJsonSeed") byte[] body) {
    assertSuccessOrClientError(call(post(contentType, contentEncoding, body)));
  }

  @Property
  void mutatedProtobufOverGrpc_answersOkOrInvalidArgument(@ForAll("protobufBodies") byte[] body) {
    TRIED.incrementAndGet();
    try {
      ClientCalls.blockingUnaryCall(channel, TraceExportService.EXPORT,
          CallOptions.DEFAULT.withDeadlineAfter(ANSWER_TIMEOUT, TimeUnit.SECONDS), body);
    } catch (StatusRuntimeException e) {
      // Never INTERNAL or UNKNOWN (a decoder exception), never DEADLINE_EXCEEDED (a hang).
      assertThat(e.getStatus().getCode()).as(e.getStatus().toString())
          .isIn(Status.Code.INVALID_ARGUMENT, Status.Code.RESOURCE_EXHAUSTED);
      assertThat(e.getStatus().getDescription()).as("the reason").isNotBlank();
      Statistics.label("status").collect(e.getStatus().getCode());
      return;
    }
    Statistics.label("status").collect(Status.Code.OK);
  }

  @Property
  void mutatedProtobuf_decoderOnlyEverThrowsMalformedExport(@ForAll("protobufBodies") byte[] body) {
    decodeOrMalformed(() -> protobufDecoder.decode(body));
  }

  @Property
  void mutatedJson_decoderOnlyEverThrowsMalformedExport(@ForAll("jsonBodies") byte[] body) {
    decodeOrMalformed(() -> jsonDecoder.decode(body));
  }

  @Provide
  Arbitrary<byte[]> protobufBodies() {
    return Arbitraries.oneOf(ByteMutations.of(PROTOBUF_SEEDS, PROTOBUF_TOKENS),
        Arbitraries.bytes().array(byte[].class).ofMaxSize(512));
  }

  @Provide
  Arbitrary<byte[]> jsonBodies() {
    return ByteMutations.of(JSON_SEEDS, JSON_TOKENS);
  }

  @Provide
  Arbitrary<byte[]> gzipBodies() {
    Arbitrary<byte[]> compressedMutations = ByteMutations.of(PROTOBUF_SEEDS, PROTOBUF_TOKENS)
        .map(OtlpFuzzTest::gzip);
    Arbitrary<byte[]> mutatedStreams = ByteMutations.of(
        PROTOBUF_SEEDS.stream().map(OtlpFuzzTest::gzip).toList(), PROTOBUF_TOKENS);
    return Arbitraries.oneOf(compressedMutations, mutatedStreams);
  }

  @Provide
  Arbitrary<String> encodings() {
    return Arbitraries.of("application/x-protobuf", "application/json");
  }

  @Provide
  Arbitrary<String> headerValues() {
    return Arbitraries.oneOf(Arbitraries.of(CONTENT_TYPES), Arbitraries.of(CONTENT_ENCODINGS),
        Arbitraries.strings().all().ofMaxLength(64));
  }

  @Provide
  Arbitrary<byte[]> protobufOrJsonSeed() {
    return Arbitraries.of(PROTOBUF_SEEDS.get(0), JSON_SEEDS.get(0), gzip(PROTOBUF_SEEDS.get(0)));
  }

  private IngestResponse call(IngestRequest request) {
    TRIED.incrementAndGet();
    // handle() runs on another thread so that a decoder stuck in a loop fails the property, not the build.
    Future<IngestResponse> answer = caller.submit(() ->
        endpoint.handle(request).toCompletableFuture().get(ANSWER_TIMEOUT, TimeUnit.SECONDS));
    try {
      return answer.get(ANSWER_TIMEOUT, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      answer.cancel(true);
      throw new AssertionError("no answer within " + ANSWER_TIMEOUT + " s (a hang)", e);
    } catch (Exception e) {
      throw new AssertionError("the endpoint threw instead of answering", e);
    }
  }

  private void decodeOrMalformed(ThrowingDecode decode) {
    TRIED.incrementAndGet();
    Future<?> done = caller.submit(() -> {
      try {
        decode.run();
      } catch (MalformedExportException expected) {
        assertThat(expected.getMessage()).as("the reason").isNotBlank();
      }
      return null;
    });
    try {
      done.get(ANSWER_TIMEOUT, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      done.cancel(true);
      throw new AssertionError("decode did not finish within " + ANSWER_TIMEOUT + " s (a hang)", e);
    } catch (Exception e) {
      throw new AssertionError("the decoder threw something other than MalformedExportException", e);
    }
  }

  /** 200, or a 4xx whose body (problem JSON, OTLP JSON status or google.rpc.Status) says why. */
  private static void assertSuccessOrClientError(IngestResponse response) {
    Statistics.label("status").collect(response.status());
    if (response.status() == OK) return;
    assertThat(response.status()).as(text(response)).isBetween(BAD_REQUEST, CLIENT_ERRORS_END);
    assertThat(reason(response)).as("the 4xx body says what was wrong").isNotBlank();
  }

  private static String reason(IngestResponse response) {
    if (response.contentType().contains("json")) {
      return topLevelText(response.body(), "detail", "message");
    }
    try {
      return com.google.rpc.Status.parseFrom(response.body()).getMessage();
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError("4xx body is neither JSON nor a google.rpc.Status", e);
    }
  }

  /** The first of {@code names} found among a JSON object's top-level string fields; empty if none. */
  private static String topLevelText(byte[] json, String... names) {
    try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) return "";
      while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (value == JsonToken.VALUE_STRING && List.of(names).contains(name)) return parser.getString();
        parser.skipChildren();
      }
      return "";
    }
  }

  private static IngestRequest post(String contentType, String contentEncoding, byte[] body) {
    Map<String, String> headers = new HashMap<>();
    if (contentType != null) headers.put("content-type", contentType);
    if (contentEncoding != null) headers.put("content-encoding", contentEncoding);
    return new IngestRequest("POST", OtlpHttpTraceEndpoint.PATH, Map.of(), headers, body);
  }

  private static String text(IngestResponse response) {
    return response.status() + " " + new String(response.body(), StandardCharsets.UTF_8);
  }

  private static byte[] marshal(List<io.opentelemetry.sdk.trace.data.SpanData> spans, boolean json) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (json) {
        TraceRequestMarshaler.create(spans).writeJsonTo(out);
      } else {
        TraceRequestMarshaler.create(spans).writeBinaryTo(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static byte[] fixture(String relative) {
    try {
      return Fixtures.read(relative);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] gzip(byte[] plain) {
    return Requests.gzip(plain);
  }

  private static List<byte[]> utf8(String... tokens) {
    return List.of(tokens).stream().map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  @FunctionalInterface
  private interface ThrowingDecode {
    void run() throws MalformedExportException;
  }
}
