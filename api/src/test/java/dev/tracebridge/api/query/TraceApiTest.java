package dev.tracebridge.api.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.api.CheckoutTrace;
import dev.tracebridge.api.EngineHttp;
import dev.tracebridge.api.MemoryEngineTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/v1/traces/{id}}: resources and scopes written once, and conditional requests. */
class TraceApiTest extends MemoryEngineTest {
  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void spansOfOneService_shareOneResourceAndScopeEntry() throws Exception {
    CheckoutTrace trace = ingestCheckout();
    exportSpans(trace, "checkout", List.of("00000000000000a1", "00000000000000a2"));

    JsonNode json = http.json("/api/v1/traces/" + trace.traceId());

    assertThat(json.get("spans")).hasSize(4);
    assertThat(json.get("resources")).hasSize(2);
    assertThat(json.get("scopes")).hasSize(1);
    for (JsonNode span : json.get("spans")) {
      JsonNode resource = json.get("resources").get(span.get("resourceIndex").asInt());
      assertThat(resource.get("service.name").asString()).isEqualTo(span.get("service").asString());
      JsonNode scope = json.get("scopes").get(span.get("scopeIndex").asInt());
      assertThat(scope.get("name").asString()).isEqualTo("io.opentelemetry.test");
      assertThat(scope.get("version").asString()).isEqualTo("1.0");
      assertThat(span.has("resource")).isFalse();
      assertThat(span.has("scope")).isFalse();
    }
  }

  @Test
  void traceJson_keepsEveryOtherSpanField() {
    CheckoutTrace trace = ingestCheckout();

    JsonNode json = http.json("/api/v1/traces/" + trace.traceId());

    JsonNode db = find(json.get("spans"), trace.dbSpanId());
    assertThat(db.get("parentSpanId").asString()).isEqualTo(trace.serverSpanId());
    assertThat(db.get("service").asString()).isEqualTo("inventory-db");
    assertThat(db.get("kind").asString()).isEqualTo("CLIENT");
    assertThat(db.get("durationNanos").asLong()).isEqualTo(70_000_000L);
    assertThat(db.get("status").get("code").asString()).isEqualTo("ERROR");
    assertThat(db.get("attributes").get("db.system").asString()).isEqualTo("postgresql");
    assertThat(db.get("events").get(0).get("attributes").get("exception.type").asString())
        .isEqualTo("org.postgresql.util.PSQLException");
    assertThat(db.get("dropped").get("events").asInt()).isZero();
    JsonNode resource = json.get("rum").get("resources").get(0);
    assertThat(resource.get("eventId").asString()).isEqualTo("res-" + trace.traceId());
    assertThat(resource.get("timingNanos").get("responseStart").asLong()).isEqualTo(112_000_000L);
    assertThat(json.get("links").get(0).get("childSpanId").asString()).isEqualTo(trace.serverSpanId());
  }

  @Test
  void sameETagAgain_answers304WithoutBody() {
    CheckoutTrace trace = ingestCheckout();
    HttpResponse<String> first = http.get("/api/v1/traces/" + trace.traceId());
    String tag = first.headers().firstValue("ETag").orElseThrow();

    HttpResponse<String> again = http.get("/api/v1/traces/" + trace.traceId(), Map.of("If-None-Match", tag));

    assertThat(first.headers().firstValue("Cache-Control")).hasValue("no-cache");
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    assertThat(again.headers().firstValue("ETag")).hasValue(tag);
  }

  @Test
  void spanWrittenAfterTheTag_answers200WithTheSpan() throws Exception {
    CheckoutTrace trace = ingestCheckout();
    String tag = http.get("/api/v1/traces/" + trace.traceId()).headers().firstValue("ETag").orElseThrow();
    exportSpans(trace, "checkout", List.of("00000000000000b1"));

    HttpResponse<String> again = http.get("/api/v1/traces/" + trace.traceId(), Map.of("If-None-Match", tag));

    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(tag);
    assertThat(spanIds(EngineHttp.parse(again.body()).get("spans"))).contains("00000000000000b1");
  }

  /** Posts more spans of the trace, children of its server span, as one service's OTLP/HTTP JSON export. */
  private void exportSpans(CheckoutTrace trace, String service, List<String> spanIds) throws Exception {
    long start = (trace.startMillis() + 40) * 1_000_000L;
    List<String> spans = new ArrayList<>();
    for (String id : spanIds) {
      spans.add("{\"traceId\":\"" + trace.traceId() + "\",\"spanId\":\"" + id + "\",\"parentSpanId\":\""
          + trace.serverSpanId() + "\",\"name\":\"price " + id + "\",\"kind\":1,\"startTimeUnixNano\":\"" + start
          + "\",\"endTimeUnixNano\":\"" + (start + 1_000_000) + "\"}");
    }
    String body = "{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":"
        + "{\"stringValue\":\"" + service + "\"}}]},\"scopeSpans\":[{\"scope\":{\"name\":\"io.opentelemetry.test\","
        + "\"version\":\"1.0\"},\"spans\":[" + String.join(",", spans) + "]}]}]}";
    HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(http.ingestBase() + "/v1/traces"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
  }

  private static JsonNode find(JsonNode spans, String spanId) {
    for (JsonNode span : spans) {
      if (span.get("spanId").asString().equals(spanId)) return span;
    }
    throw new AssertionError("span " + spanId + " not in " + spans);
  }

  private static List<String> spanIds(JsonNode spans) {
    List<String> ids = new ArrayList<>();
    spans.forEach(s -> ids.add(s.get("spanId").asString()));
    return ids;
  }
}
