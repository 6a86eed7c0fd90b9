package dev.tracebridge.rum;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.core.fuzz.ByteMutations;
import dev.tracebridge.core.ingest.IngestEndpoint;
import dev.tracebridge.core.ingest.IngestRequest;
import dev.tracebridge.core.ingest.IngestResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.DeflaterOutputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import tools.jackson.databind.JsonNode;

/**
 * Mutated RUM batches thrown at every RUM intake through {@link IngestEndpoint#handle}, with an in-memory
 * sink: native JSON arrays and NDJSON, Datadog's NDJSON (plain and zlib, with its {@code ddforward} query),
 * Guance line protocol (and its JSON form), Faro JSON, and odd Content-Type, Content-Encoding and query
 * values. Whatever arrives, the answer is a 2xx receipt or a 4xx problem that says what was wrong, within
 * {@link #ANSWER_TIMEOUT}; never an exception, a hang or a 5xx. Seeds are the real SDK captures of
 * shared/fixtures and the documented shapes the endpoint tests use.
 *
 * <p>Tries per property: {@code -Dtracebridge.fuzz.tries=N} (Maven property; 1000 by default). The
 * number of inputs tried is printed at the end of the class.
 */
class RumIntakeFuzzTest {
  /**
   * A batch of a few kilobytes decodes in microseconds; this is far beyond slow, it is stuck. (Slow but
   * finite inputs have targeted tests, like {@link #longDigitRunInAGuanceField_answersWithinASecond}.)
   */
  static final long ANSWER_TIMEOUT = 20;
  /** What a line of a few dozen kilobytes may cost at most, on a busy 2-core machine. */
  private static final long LINE_PARSE_LIMIT_MILLIS = 1_000;
  /** Digits in the field of the regression example: a 100 KB line, far below the 8 MiB body limit. */
  private static final int LONG_DIGIT_RUN = 100_000;
  private static final int SUCCESS_START = 200;
  private static final int SUCCESS_END = 299;
  private static final int CLIENT_ERROR_START = 400;
  private static final int CLIENT_ERROR_END = 499;
  private static final AtomicLong TRIED = new AtomicLong();
  private static final Path DATADOG = IntakeCalls.fixtures().resolve("datadog-browser-rum-7.16.2");

  private static final List<byte[]> NATIVE_SEEDS = List.of(
      utf8("[" + NativeRumEndpointTest.ISSUE_2_RESOURCE + "]"),
      utf8(NativeRumEndpointTest.ISSUE_2_RESOURCE.replace("\n", "") + "\n"
          + NativeRumEndpointTest.ISSUE_2_RESOURCE.replace("\n", "").replace("resource", "view")));
  private static final List<byte[]> DATADOG_SEEDS = List.of(
      read(DATADOG.resolve("intake-1-fetch.ndjson")), read(DATADOG.resolve("intake-2-beacon.ndjson")),
      read(DATADOG.resolve("compressed-intake-1-deflate.zlib")));
  private static final List<byte[]> GUANCE_SEEDS = List.of(utf8(GuanceRumEndpointTest.BATCH));
  private static final List<byte[]> FARO_SEEDS = List.of(utf8(faroPayload()));
  /** JSON's and NDJSON's structure, and values the native and SDK schemas are strict about. */
  private static final List<byte[]> JSON_TOKENS = tokens(
      "{", "}", "[", "]", "\"", ":", ",", "\n", "null", "true", "-", "1e999999", "-0", "NaN",
      "18446744073709551616", "\"\\ud800\"", "\\u0000", "\"type\":\"resource\"", "\"type\":7",
      "\"date\":-1", "\"date\":\"x\"", "\"duration_ms\":1e308", "\"status_code\":-5", "\"app\":{}",
      "\"headers\":{\"traceparent\":[]}", "\"traceparent\":\"00-\"", "[[[[[[[[[[[[", "\u00e9", "\u0000");
  /** Line protocol's separators and escapes, and field values of each type. */
  private static final List<byte[]> LINE_TOKENS = tokens(
      " ", ",", "=", "\\", "\"", "\n", "\\ ", "\\,", "\\=", "\\\"", "i", "u", "T", "F", "1e999",
      "-9223372036854775809", "resource,", "view,", "=x", "x=", "\"{\\\"a\\\":\"", "99999999999999999999",
      "\u00e9", "\u0000");
  private static final List<String> CONTENT_TYPES = List.of("application/json", "text/plain;charset=UTF-8",
      "application/x-ndjson", "text/plain", "application/octet-stream", "", ";", "application/json;;;",
      "APPLICATION/JSON", "multipart/form-data; boundary=x");
  private static final List<String> ENCODINGS = List.of("gzip", "deflate", "identity", "br", "", "x");

  private static ExecutorService caller;

  private final RecordingSink sink = new RecordingSink();
  private final NativeRumEndpoint nativeEndpoint = new NativeRumEndpoint(sink, RumIntakeSettings.defaults());
  private final DatadogRumEndpoint datadog = new DatadogRumEndpoint(sink, RumIntakeSettings.defaults());
  private final GuanceRumEndpoint guance = new GuanceRumEndpoint(sink, RumIntakeSettings.defaults());
  private final FaroEndpoint faro = new FaroEndpoint(sink, RumIntakeSettings.defaults());

  @BeforeContainer
  static void start() {
    caller = callerThread("rum-fuzz-caller");
  }

  @AfterContainer
  static void stop() {
    System.out.println("RumIntakeFuzzTest: " + TRIED.get() + " mutated inputs tried, none answered 5xx,"
        + " threw or hung");
    caller.shutdownNow();
  }

  @Property
  void mutatedNativeBatch_answers2xxOrA4xxWithAReason(@ForAll("nativeBodies") byte[] body,
      @ForAll("contentTypes") String contentType) {
    assertAnswered(nativeEndpoint, request(NativeRumEndpoint.PATH, body, Map.of("content-type", contentType),
        Map.of()));
  }

  @Property
  void mutatedDatadogBatch_answers2xxOrA4xxWithAReason(@ForAll("datadogBodies") byte[] body,
      @ForAll("datadogQueries") Map<String, String> query) {
    assertAnswered(datadog, request(DatadogRumEndpoint.PATH, body,
        Map.of("content-type", "text/plain;charset=UTF-8"), query));
  }

  @Property
  void mutatedGuanceLineProtocol_answers2xxOrA4xxWithAReason(@ForAll("guanceBodies") byte[] body,
      @ForAll("guanceQueries") Map<String, String> query, @ForAll("contentTypes") String contentType) {
    assertAnswered(guance, request(GuanceRumEndpoint.PATH, body, Map.of("content-type", contentType), query));
  }

  @Property
  void mutatedFaroPayload_answers2xxOrA4xxWithAReason(@ForAll("faroBodies") byte[] body,
      @ForAll("headerText") String sessionHeader) {
    assertAnswered(faro, request(FaroEndpoint.PATH, body, Map.of("content-type", "application/json",
        "x-faro-session-id", sessionHeader), Map.of()));
  }

  /** Bodies compressed after mutation and compressed bodies mutated, at every intake. */
  @Property
  void mutatedCompressedBodies_answer2xxOrA4xxWithAReason(@ForAll("compressedBodies") byte[] body,
      @ForAll("encodings") String encoding, @ForAll("endpointIndex") int endpointIndex) {
    IngestEndpoint endpoint = List.of(nativeEndpoint, datadog, guance, faro).get(endpointIndex);
    assertAnswered(endpoint, request(endpoint.path(), body, Map.of("content-encoding", encoding,
        "content-type", "application/json"), Map.of()));
  }

  /**
   * Found by {@link #mutatedGuanceLineProtocol_answers2xxOrA4xxWithAReason} with 20,000 tries (seed
   * -3230140684569406909): a field value of digits that is not a valid number makes the FLOAT pattern
   * backtrack quadratically (one 8 MiB request could pin a core for days). LineProtocolParser now uses
   * possessive quantifiers; the bound below is a hang guard, hundreds of times what the parse costs.
   */
  @Example
  void longDigitRunInAGuanceField_answersWithinASecond() {
    String line = "view,app_id=shop_web_app,session_id=s-1,view_id=v-1 first_byte=" + "9".repeat(LONG_DIGIT_RUN)
        + "x,view_url=\"/cart\" 1795614571547";
    long start = System.nanoTime();
    IngestResponse response = call(caller, guance, request(GuanceRumEndpoint.PATH, utf8(line), Map.of(), Map.of()));
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertThat(response.status()).isBetween(SUCCESS_START, CLIENT_ERROR_END)
        .matches(status -> status <= SUCCESS_END || status >= CLIENT_ERROR_START, "2xx or 4xx");
    assertThat(millis).as("CPU one bad field may cost").isLessThan(LINE_PARSE_LIMIT_MILLIS);
  }

  @Provide
  Arbitrary<byte[]> nativeBodies() {
    return ByteMutations.of(NATIVE_SEEDS, JSON_TOKENS);
  }

  @Provide
  Arbitrary<byte[]> datadogBodies() {
    return ByteMutations.of(DATADOG_SEEDS, JSON_TOKENS);
  }

  @Provide
  Arbitrary<byte[]> guanceBodies() {
    return Arbitraries.oneOf(ByteMutations.of(GUANCE_SEEDS, LINE_TOKENS),
        ByteMutations.of(NATIVE_SEEDS, JSON_TOKENS));
  }

  @Provide
  Arbitrary<byte[]> faroBodies() {
    return ByteMutations.of(FARO_SEEDS, JSON_TOKENS);
  }

  @Provide
  Arbitrary<byte[]> compressedBodies() {
    List<byte[]> plain = List.of(NATIVE_SEEDS.get(0), DATADOG_SEEDS.get(0), GUANCE_SEEDS.get(0),
        FARO_SEEDS.get(0));
    Arbitrary<byte[]> thenCompressed = ByteMutations.of(plain, JSON_TOKENS).map(RumIntakeFuzzTest::zlib);
    Arbitrary<byte[]> compressedThenMutated = ByteMutations.of(
        plain.stream().map(RumIntakeFuzzTest::zlib).toList(), List.of(new byte[] {0x78, (byte) 0x9c},
            new byte[] {0x1f, (byte) 0x8b}, new byte[] {0x00}, new byte[] {(byte) 0xFF}));
    return Arbitraries.oneOf(thenCompressed, compressedThenMutated);
  }

  @Provide
  Arbitrary<String> contentTypes() {
    return Arbitraries.oneOf(Arbitraries.of(CONTENT_TYPES), headerText());
  }

  @Provide
  Arbitrary<String> encodings() {
    return Arbitraries.oneOf(Arbitraries.of(ENCODINGS), headerText());
  }

  @Provide
  Arbitrary<String> headerText() {
    return Arbitraries.strings().all().ofMaxLength(64);
  }

  @Provide
  Arbitrary<Integer> endpointIndex() {
    return Arbitraries.integers().between(0, 3);
  }

  /** The captured {@code ddforward} (with a client token and dd-evp-encoding) or a mutation of it. */
  @Provide
  Arbitrary<Map<String, String>> datadogQueries() {
    String captured = capturedForward();
    Arbitrary<String> forwards = Arbitraries.oneOf(Arbitraries.just(captured),
        ByteMutations.of(List.of(utf8(captured)), tokens("?", "&", "=", "%", "%zz", "/api/v2/logs"))
            .map(b -> new String(b, StandardCharsets.UTF_8)),
        headerText());
    return forwards.map(f -> Map.of("ddforward", f));
  }

  @Provide
  Arbitrary<Map<String, String>> guanceQueries() {
    Arbitrary<String> precision = Arbitraries.oneOf(Arbitraries.of("ms", "ns", "s", "u", "m", "h", "x", ""),
        headerText());
    return Combinators.combine(precision, headerText()).as((p, token) -> Map.of("precision", p, "token", token));
  }

  private static void assertAnswered(IngestEndpoint endpoint, IngestRequest request) {
    IngestResponse response = call(caller, endpoint, request);
    Statistics.label("status").collect(response.status());
    if (response.status() >= SUCCESS_START && response.status() <= SUCCESS_END) return;
    String body = new String(response.body(), StandardCharsets.UTF_8);
    assertThat(response.status()).as(body).isBetween(CLIENT_ERROR_START, CLIENT_ERROR_END);
    JsonNode problem = IntakeCalls.json(response);
    assertThat(problem.path("status").asInt()).as(body).isEqualTo(response.status());
    assertThat(problem.path("detail").asString()).as("the 4xx body says what was wrong").isNotBlank();
    assertThat(body).as("no stack trace").doesNotContain("\tat ");
  }

  /** handle() runs on another thread so that a decoder stuck in a loop fails the property, not the build. */
  static IngestResponse call(ExecutorService caller, IngestEndpoint endpoint, IngestRequest request) {
    TRIED.incrementAndGet();
    Future<IngestResponse> answer = caller.submit(() ->
        endpoint.handle(request).toCompletableFuture().get(ANSWER_TIMEOUT, TimeUnit.SECONDS));
    try {
      return answer.get(ANSWER_TIMEOUT, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      answer.cancel(true);
      throw new AssertionError("no answer within " + ANSWER_TIMEOUT + " s (a hang; the stuck thread is"
          + " abandoned and later calls get a fresh one)", e);
    } catch (Exception e) {
      throw new AssertionError("the endpoint threw instead of answering", e);
    }
  }

  /**
   * Calls run on pooled threads: one at a time, reusing an idle thread, so a call stuck in a loop keeps its
   * thread and only fails its own property, while the next call gets another.
   */
  static ExecutorService callerThread(String name) {
    return Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
  }

  private static IngestRequest request(String path, byte[] body, Map<String, String> headers,
      Map<String, String> query) {
    return new IngestRequest("POST", path, query, headers, body);
  }

  private static String capturedForward() {
    try {
      JsonNode meta = IntakeCalls.json(IngestResponse.of(200, "application/json",
          Files.readAllBytes(DATADOG.resolve("compressed-intake-1-deflate.meta.json"))));
      String url = meta.path("url").asString();
      Map<String, String> query = new LinkedHashMap<>();
      for (String pair : url.substring(url.indexOf('?') + 1).split("&")) {
        int eq = pair.indexOf('=');
        query.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
      return query.get("ddforward");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String faroPayload() {
    try {
      return FaroEndpointTest.payload();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static List<byte[]> tokens(String... tokens) {
    return List.of(tokens).stream().map(RumIntakeFuzzTest::utf8).toList();
  }

  private static byte[] zlib(byte[] plain) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (DeflaterOutputStream deflate = new DeflaterOutputStream(out)) {
      deflate.write(plain);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
