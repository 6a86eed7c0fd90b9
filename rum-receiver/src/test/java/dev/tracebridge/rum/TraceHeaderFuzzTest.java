package dev.tracebridge.rum;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.core.fuzz.ByteMutations;
import dev.tracebridge.core.ingest.IngestRequest;
import dev.tracebridge.core.ingest.IngestResponse;
import dev.tracebridge.rum.batch.JsonBatchReader;
import dev.tracebridge.rum.headers.ResponseTraceParser;
import dev.tracebridge.rum.headers.TraceHeaderParser;
import dev.tracebridge.rum.headers.TraceHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import java.util.concurrent.ExecutorService;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Combinators;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Mutated trace header values (every propagation format the parsers know, request and response side)
 * thrown at the header parsers directly and inside native RUM events at {@code POST /v1/rum}. A parser
 * never throws for a value, it describes what was wrong in its errors; the endpoint answers 2xx (the event
 * is kept, the bad header noted) or a 4xx with a reason, never a 5xx.
 *
 * <p>Tries per property: {@code -Dtracebridge.fuzz.tries=N} (Maven property; 1000 by default).
 */
class TraceHeaderFuzzTest {
  private static final AtomicLong TRIED = new AtomicLong();
  /** Share of headers left out of a set, so the parsers see every combination of present formats. */
  private static final double ABSENT = 0.5;
  private static ExecutorService caller;
  /** One valid value per request header the parsers read. */
  private static final Map<String, String> REQUEST_SEEDS = orderedMap(
      "traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
      "tracestate", "dd=s:1;o:rum,congo=t61rcWkgMzE",
      "b3", "45b1cfe15a75de57-623f57bac43885f2-1-0020000000000001",
      "x-b3-traceid", "463ac35c9f6413ad48485a3953bb6124",
      "x-b3-spanid", "a2fb4a1d1a96d312",
      "x-b3-sampled", "1",
      "uber-trace-id", "4c482a9866071599:7fce86b544364257:0:1",
      "x-datadog-trace-id", "5022023626287078999",
      "x-datadog-parent-id", "7079473598917281266",
      "x-datadog-sampling-priority", "1",
      "x-gc-trace-id", "12677922385975430496",
      "sw8", "1-OGM5ZjZhMmUtNGQxYi00ZjNhLTllN2MtMmI1ZDhhMWYwYzM0-YQ==-0-YQ==-YQ==-YQ==-YQ==",
      "sentry-trace", "771a43a4192642f0b136d5159a501700-b7ad6b7169203331-1",
      "elastic-apm-traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
      "baggage", "session.id=69654f02-b78f-4055-88d0-e1c92b9ae838,userId=alice%20b;prop=1");
  private static final Map<String, String> RESPONSE_SEEDS = orderedMap(
      "traceresponse", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
      "server-timing", "traceparent;desc=00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01, db;dur=53");
  private static final Map<String, String> META_SEEDS = orderedMap(
      "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
      "dd-trace-id", "5022023626287078999",
      "df-trace-id", "4bf92f3577b34da6a3ce929d0e0e4736");
  /** The separators and digit shapes the formats are built from. */
  private static final List<byte[]> HEADER_TOKENS = RumIntakeFuzzTest.tokens(
      "-", ":", ";", ",", "=", " ", "%", "%zz", "00", "ff", "0000000000000000", "ffffffffffffffffffffffffffffffff",
      "18446744073709551616", "-1", "desc=", "\"", "\\", "\u00e9", "\u0000", "\t", "==", "x".repeat(40));

  private final TraceHeaderParser requestParser = new TraceHeaderParser();
  private final ResponseTraceParser responseParser = new ResponseTraceParser();
  private final NativeRumEndpoint endpoint = new NativeRumEndpoint(new RecordingSink(),
      RumIntakeSettings.defaults());

  @BeforeContainer
  static void start() {
    caller = RumIntakeFuzzTest.callerThread("header-fuzz-caller");
  }

  @AfterContainer
  static void report() {
    caller.shutdownNow();
    System.out.println("TraceHeaderFuzzTest: " + TRIED.get() + " mutated header sets tried, no parser threw"
        + " and no answer was a 5xx");
  }

  @Property
  void mutatedRequestHeaders_parseWithoutThrowing(@ForAll("requestHeaders") Map<String, String> headers) {
    TRIED.incrementAndGet();
    TraceHeaders parsed = requestParser.parse(headers);
    Statistics.label("contexts found").collect(parsed.contexts().size());
    assertThat(parsed.errors()).allSatisfy(error -> assertThat(error).isNotBlank());
  }

  @Property
  void mutatedResponseHeadersAndMeta_parseWithoutThrowing(
      @ForAll("responseHeaders") Map<String, String> response, @ForAll("metaTags") Map<String, String> meta) {
    TRIED.incrementAndGet();
    List<String> errors = new ArrayList<>();
    responseParser.parse(response, meta, errors);
    assertThat(errors).allSatisfy(error -> assertThat(error).isNotBlank());
  }

  @Property
  void mutatedHeadersInANativeEvent_answer2xxOrA4xxWithAReason(
      @ForAll("requestHeaders") Map<String, String> headers,
      @ForAll("responseHeaders") Map<String, String> response) {
    String event = """
        [{"type":"resource","date":1700000000000,"app":{"id":"shop-web"},"session":{"id":"s-1"},
          "view":{"id":"v-1","url":"https://shop.example/cart"},
          "resource":{"url":"https://api.shop.example/cart","method":"GET","status_code":200,"duration_ms":4},
          "trace":{"headers":%s,"response_headers":%s}}]""".formatted(json(headers), json(response));
    IngestRequest request = new IngestRequest("POST", NativeRumEndpoint.PATH, Map.of(),
        Map.of("content-type", "application/json"), event.getBytes(StandardCharsets.UTF_8));
    IngestResponse answer = RumIntakeFuzzTest.call(caller, endpoint, request);
    TRIED.incrementAndGet();
    Statistics.label("status").collect(answer.status());
    String body = new String(answer.body(), StandardCharsets.UTF_8);
    if (answer.status() / 100 == 2) return;
    assertThat(answer.status()).as(body).isBetween(400, 499);
    assertThat(IntakeCalls.json(answer).path("detail").asString()).as(body).isNotBlank();
  }

  @Provide
  Arbitrary<Map<String, String>> requestHeaders() {
    return mutatedHeaders(REQUEST_SEEDS);
  }

  @Provide
  Arbitrary<Map<String, String>> responseHeaders() {
    return mutatedHeaders(RESPONSE_SEEDS);
  }

  @Provide
  Arbitrary<Map<String, String>> metaTags() {
    return mutatedHeaders(META_SEEDS);
  }

  /**
   * Each seed header absent, or present under its name in some case with its value kept, mutated or any
   * string at all. Per-header arbitraries combined side by side rather than flat-mapped from a chosen name:
   * jqwik generates (and shrinks) that ten times faster.
   */
  private static Arbitrary<Map<String, String>> mutatedHeaders(Map<String, String> seeds) {
    List<Arbitrary<Map.Entry<String, String>>> perHeader = new ArrayList<>();
    seeds.forEach((name, seed) -> perHeader.add(Combinators.combine(
            Arbitraries.of(name, name.toUpperCase(Locale.ROOT),
                Character.toUpperCase(name.charAt(0)) + name.substring(1)), value(seed))
        .as(Map::entry).injectNull(ABSENT)));
    return Combinators.combine(perHeader).as(entries -> {
      Map<String, String> map = new LinkedHashMap<>();
      entries.forEach(e -> {
        if (e != null) map.put(e.getKey(), e.getValue());
      });
      return map;
    });
  }

  private static Arbitrary<String> value(String seed) {
    return Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.just(seed)),
        Tuple.of(6, ByteMutations.of(List.of(RumIntakeFuzzTest.utf8(seed)), HEADER_TOKENS)
            .map(b -> new String(b, StandardCharsets.UTF_8))),
        Tuple.of(2, Arbitraries.strings().all().ofMaxLength(80)));
  }

  private static String json(Map<String, String> map) {
    return JsonBatchReader.JSON.writeValueAsString(map);
  }

  private static Map<String, String> orderedMap(String... pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) map.put(pairs[i], pairs[i + 1]);
    return map;
  }
}
