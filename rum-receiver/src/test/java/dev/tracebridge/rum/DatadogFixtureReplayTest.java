package dev.tracebridge.rum;

import static dev.tracebridge.rum.IntakeCalls.call;
import static dev.tracebridge.rum.IntakeCalls.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.core.ingest.IngestRequest;
import dev.tracebridge.core.ingest.IngestResponse;
import dev.tracebridge.core.rum.HeaderFormat;
import dev.tracebridge.core.rum.PropagatedContext;
import dev.tracebridge.core.rum.ResourceTiming;
import dev.tracebridge.core.rum.ResourceType;
import dev.tracebridge.core.rum.RumError;
import dev.tracebridge.core.rum.RumEvent;
import dev.tracebridge.core.rum.RumResource;
import dev.tracebridge.core.rum.RumView;
import dev.tracebridge.core.rum.Sampling;
import dev.tracebridge.rum.batch.JsonBatchReader;
import dev.tracebridge.rum.headers.TraceHeaderParser;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/**
 * Replays every request Datadog browser RUM 7.16.2 sent in a real headless Chromium (shared/fixtures),
 * exactly as captured: body bytes, query string and headers.
 */
class DatadogFixtureReplayTest {
  private static final Path FIXTURES = IntakeCalls.fixtures().resolve("datadog-browser-rum-7.16.2");
  private static final String CLIENT_TOKEN = "pub0123456789abcdef0123456789abcdef";

  private final RecordingSink sink = new RecordingSink();
  private final DatadogRumEndpoint endpoint = new DatadogRumEndpoint(sink, RumIntakeSettings.defaults());

  @Test
  void fixtureDirectory_holdsExactlyTheRequestsThisTestReplays() throws IOException {
    try (Stream<Path> files = Files.list(FIXTURES)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".meta.json")))
          .containsExactlyInAnyOrder("intake-1-fetch.meta.json", "intake-2-beacon.meta.json",
              "compressed-intake-1-deflate.meta.json", "compressed-intake-2-plain.meta.json");
    }
  }

  @ParameterizedTest
  @CsvSource({
      "intake-1-fetch, 9, 1, 1",
      "intake-2-beacon, 3, 1, 0",
      "compressed-intake-1-deflate, 12, 0, 1",
      "compressed-intake-2-plain, 0, 1, 0"})
  void capturedRequest_isAcceptedWithExactCountsPerType(String fixture, int resources, int views, int errors)
      throws IOException {
    IngestResponse response = call(endpoint, capturedRequest(fixture));

    assertThat(response.status()).isEqualTo(202);
    JsonNode receipt = json(response);
    assertThat(receipt.path("accepted").asInt()).isEqualTo(resources + views + errors);
    assertThat(receipt.path("rejected").asInt()).isZero();
    assertThat(receipt.path("skipped").asInt()).isZero();
    assertThat(sink.events(RumResource.class)).hasSize(resources);
    assertThat(sink.events(RumView.class)).hasSize(views);
    assertThat(sink.events(RumError.class)).hasSize(errors);
  }

  @Test
  void zlibBodyWithoutContentEncoding_decodesToTheSameEventsAsItsPlainText() throws IOException {
    IngestRequest compressed = capturedRequest("compressed-intake-1-deflate");
    assertThat(compressed.header("content-encoding")).isNull();
    call(endpoint, compressed);
    List<RumEvent> fromZlib = sink.events();

    RecordingSink plainSink = new RecordingSink();
    byte[] plain = Files.readAllBytes(FIXTURES.resolve("compressed-intake-1-deflate.decoded.ndjson"));
    call(new DatadogRumEndpoint(plainSink, RumIntakeSettings.defaults()), new IngestRequest("POST",
        "/v1/rum/datadog", compressed.queryParameters(), compressed.headers(), plain));

    assertThat(fromZlib).hasSize(13).isEqualTo(plainSink.events());
  }

  @Test
  void tracedResources_carryTheIdsTheBackendReceived() throws IOException {
    call(endpoint, capturedRequest("intake-1-fetch"));
    call(endpoint, capturedRequest("intake-2-beacon"));
    Map<String, Map<String, String>> backendHeadersByPath = backendHeadersByPath();
    TraceHeaderParser parser = new TraceHeaderParser();

    int checked = 0;
    for (RumResource resource : sink.events(RumResource.class)) {
      String path = URI.create(resource.url()).getRawPath() + (URI.create(resource.url()).getRawQuery() == null
          ? "" : "?" + URI.create(resource.url()).getRawQuery());
      Map<String, String> received = backendHeadersByPath.get(path);
      if (received == null || received.isEmpty()) continue;
      List<PropagatedContext> backend = parser.parse(received).contexts();
      assertThat(backend).as(path).isNotEmpty();
      PropagatedContext reported = resource.propagation().get(0);
      assertThat(reported.format()).isEqualTo(HeaderFormat.SDK_REPORTED);
      assertThat(reported.sampling()).isEqualTo(Sampling.SAMPLED);
      for (PropagatedContext sent : backend) {
        assertThat(sent.traceId()).as(path + " " + sent.format()).isEqualTo(reported.traceId());
        assertThat(sent.spanId()).as(path + " " + sent.format()).isEqualTo(reported.spanId());
      }
      checked++;
    }
    // tc, dd, b3, b3multi, all, xhr and same: every traced request of the run.
    assertThat(checked).isEqualTo(7);
  }

  @Test
  void untracedAndCorsRefusedRequests_carryNoContext() throws IOException {
    call(endpoint, capturedRequest("intake-1-fetch"));
    call(endpoint, capturedRequest("intake-2-beacon"));

    Map<String, RumResource> byPath = sink.events(RumResource.class).stream()
        .collect(Collectors.toMap(r -> URI.create(r.url()).getPath(), r -> r, (a, b) -> a));
    assertThat(byPath.get("/deny/all").statusCode()).isZero();
    assertThat(byPath.get("/deny/all").propagation()).isEmpty();
    assertThat(byPath.get("/deny/all").timing()).isNull();
    assertThat(byPath.get("/notao/untraced").propagation()).isEmpty();
    assertThat(byPath.get("/allow/all/xhr").type()).isEqualTo(ResourceType.XHR);
    assertThat(byPath.get("/allow/all/xhr").method()).isEqualTo("POST");
  }

  @Test
  void resource_mapsContextLabelsAndPhases() throws IOException {
    call(endpoint, capturedRequest("compressed-intake-1-deflate"));

    RumResource script = sink.events(RumResource.class).stream()
        .filter(r -> r.url().endsWith("/vendor/datadog-rum.js")).findFirst().orElseThrow();
    assertThat(script.context().appId()).isEqualTo("11111111-2222-4333-8444-555555555555");
    assertThat(script.context().sessionId()).isEqualTo("ff02896d-ebf0-4333-803f-9c9d0b7fafda");
    assertThat(script.context().viewId()).isEqualTo("7db20d37-67ea-4f5d-bc88-77d228b85ef0");
    assertThat(script.context().userId()).isEqualTo("user-42");
    assertThat(script.context().labels()).containsOnly(Map.entry("service", "probe-web"),
        Map.entry("version", "1.2.3"), Map.entry("env", "ci"));
    assertThat(script.eventId()).isEqualTo("a2f385ae-e088-4fe6-9ce5-67c5034fc090");
    assertThat(script.type()).isEqualTo(ResourceType.OTHER);
    assertThat(script.attributes().getText("resource.type")).isEqualTo("js");
    assertThat(script.durationNanos()).isEqualTo(41_600_000L);
    assertThat(script.method()).isEqualTo("GET");
    // dns {start 12.6 ms, duration 0}, connect {12.6, 0.2}, first_byte {15.4, 15.3}, download {30.7, 10.9}
    assertThat(script.timing()).isEqualTo(new ResourceTiming(ResourceTiming.UNKNOWN, ResourceTiming.UNKNOWN,
        ResourceTiming.UNKNOWN, 12_600_000, 12_600_000, 12_600_000, 12_800_000, ResourceTiming.UNKNOWN,
        15_400_000, 30_700_000, 41_600_000));
    assertThat(script.attributes().getText("resource.transfer_size")).isEqualTo("192994");
    assertThat(script.attributes().getText("connectivity.effective_type")).isEqualTo("4g");
    assertThat(script.attributes().asMap()).doesNotContainKeys("resource.url", "resource.dns.start", "date");
  }

  @Test
  void reSentView_keepsItsIdAndGrowingDocumentVersionWithTimings() throws IOException {
    call(endpoint, capturedRequest("intake-1-fetch"));
    call(endpoint, capturedRequest("intake-2-beacon"));

    List<RumView> views = sink.events(RumView.class);
    assertThat(views).extracting(RumView::eventId).containsOnly("496f06d1-13b3-4d68-84b9-1b6fcea8060a");
    assertThat(views).extracting(RumView::documentVersion).containsExactly(1L, 2L);
    RumView latest = views.get(1);
    assertThat(latest.durationNanos()).isEqualTo(789_000_000L);
    assertThat(latest.timingsNanos()).containsEntry("first_byte", 9_100_000L)
        .containsEntry("loading_time", 250_000_000L).containsEntry("dom_interactive", 77_700_000L)
        .containsEntry("largest_contentful_paint", 100_000_000L);
    assertThat(latest.attributes().getText("view.largest_contentful_paint_target_selector")).isEqualTo("BODY>H1");
  }

  @Test
  void error_keepsMessageTypeStackAndSource() throws IOException {
    call(endpoint, capturedRequest("intake-1-fetch"));

    RumError error = sink.events(RumError.class).get(0);
    assertThat(error.eventId()).isEqualTo("9f39301b-9dba-4df6-8060-a805df2f2718");
    assertThat(error.message()).isEqualTo("dd probe error");
    assertThat(error.errorType()).isEqualTo("Error");
    assertThat(error.stack()).startsWith("Error: dd probe error");
    assertThat(error.source()).isEqualTo("source");
  }

  @Test
  void clientTokenInDdforward_servesAsTheAppKeyOfTheAllowList() throws IOException {
    var byToken = new DatadogRumEndpoint(sink, new RumIntakeSettings(Set.of(CLIENT_TOKEN), 0, 1000, 1 << 20));
    var byOtherApp = new DatadogRumEndpoint(sink, new RumIntakeSettings(Set.of("other-app"), 0, 1000, 1 << 20));

    assertThat(call(byToken, capturedRequest("intake-2-beacon")).status()).isEqualTo(202);
    assertThat(call(byOtherApp, capturedRequest("intake-2-beacon")).status()).isEqualTo(403);
  }

  @Test
  void telemetryAndVitalEvents_areCountedAsSkipped() throws IOException {
    String lines = "{\"type\":\"telemetry\",\"date\":1795614571547,\"telemetry\":{\"message\":\"x\"}}\n"
        + "{\"type\":\"vital\",\"date\":1795614571547,\"application\":{\"id\":\"a\"}}\n";

    IngestResponse response = call(endpoint, new IngestRequest("POST", "/v1/rum/datadog", Map.of(),
        Map.of("content-type", "text/plain"), lines.getBytes(StandardCharsets.UTF_8)));

    assertThat(response.status()).isEqualTo(202);
    assertThat(json(response).path("skipped").asInt()).isEqualTo(2);
    assertThat(json(response).path("accepted").asInt()).isZero();
  }

  @Test
  void malformedLine_rejectsOnlyThatLine() throws IOException {
    byte[] captured = Files.readAllBytes(FIXTURES.resolve("intake-2-beacon.ndjson"));
    byte[] damaged = ("{\"type\":\"resource\",\"date\":\n" + new String(captured, StandardCharsets.UTF_8))
        .getBytes(StandardCharsets.UTF_8);

    IngestResponse response = call(endpoint, new IngestRequest("POST", "/v1/rum/datadog", Map.of(), Map.of(), damaged));

    assertThat(response.status()).isEqualTo(202);
    assertThat(json(response).path("accepted").asInt()).isEqualTo(4);
    assertThat(json(response).path("errors").get(0).path("index").asInt()).isZero();
    assertThat(json(response).path("errors").get(0).path("reason").asString()).startsWith("malformed JSON");
  }

  /** The request as the api module hands it over: query parameters URL-decoded once, headers lower case. */
  static IngestRequest capturedRequest(String fixture) throws IOException {
    JsonNode meta = JsonBatchReader.JSON.readTree(Files.readString(FIXTURES.resolve(fixture + ".meta.json")));
    String url = meta.path("url").asString();
    Map<String, String> query = new LinkedHashMap<>();
    for (String pair : url.substring(url.indexOf('?') + 1).split("&")) {
      int eq = pair.indexOf('=');
      query.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    Map<String, String> headers = new HashMap<>();
    meta.path("headers").properties().forEach(e -> headers.put(e.getKey(), e.getValue().asString()));
    byte[] body = Files.readAllBytes(bodyOf(fixture));
    assertThat(body).hasSize(meta.path("rawLen").asInt(body.length));
    return new IngestRequest(meta.path("method").asString(), "/v1/rum/datadog", query, headers, body);
  }

  private static Path bodyOf(String fixture) throws IOException {
    try (Stream<Path> files = Files.list(FIXTURES)) {
      return files.filter(p -> {
        String name = p.getFileName().toString();
        return name.startsWith(fixture + ".") && !name.endsWith(".meta.json") && !name.endsWith(".decoded.ndjson");
      }).findFirst().orElseThrow();
    }
  }

  /** What the backend received per request path (GET/POST only: preflights carry no ids). */
  private static Map<String, Map<String, String>> backendHeadersByPath() throws IOException {
    JsonNode root = JsonBatchReader.JSON.readTree(Files.readString(FIXTURES.resolve("backend-received-headers.json")));
    Map<String, Map<String, String>> byPath = new HashMap<>();
    for (JsonNode request : root.path("requests")) {
      if (request.path("method").asString().equals("OPTIONS")) continue;
      Map<String, String> headers = new LinkedHashMap<>();
      request.path("tracingHeaders").properties().forEach(e -> headers.put(e.getKey(), e.getValue().asString()));
      byPath.put(request.path("path").asString(), headers);
    }
    return byPath;
  }
}
