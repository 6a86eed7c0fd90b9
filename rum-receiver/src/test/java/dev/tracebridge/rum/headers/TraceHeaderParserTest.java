package dev.tracebridge.rum.headers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.core.rum.HeaderFormat;
import dev.tracebridge.core.rum.PropagatedContext;
import dev.tracebridge.rum.IntakeCalls;
import dev.tracebridge.rum.batch.JsonBatchReader;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class TraceHeaderParserTest {
  private final TraceHeaderParser parser = new TraceHeaderParser();

  @Test
  void everyRequestTheBackendReceivedFromDatadogRum_parsesWithoutErrorToOneTraceId() throws IOException {
    JsonNode root = JsonBatchReader.JSON.readTree(Files.readString(IntakeCalls.fixtures()
        .resolve("datadog-browser-rum-7.16.2/backend-received-headers.json")));
    int traced = 0;
    for (JsonNode request : root.path("requests")) {
      Map<String, String> headers = new LinkedHashMap<>();
      request.path("tracingHeaders").properties().forEach(e -> headers.put(e.getKey(), e.getValue().asString()));
      TraceHeaders parsed = parser.parse(headers);
      assertThat(parsed.errors()).isEmpty();
      if (headers.isEmpty()) {
        assertThat(parsed.contexts()).isEmpty();
        continue;
      }
      traced++;
      assertThat(parsed.contexts()).extracting(PropagatedContext::traceId).as(request.path("path").asString())
          .hasSizeGreaterThan(0).allMatch(id -> id.equals(parsed.contexts().get(0).traceId()));
      assertThat(parsed.sessionId()).isEqualTo("69654f02-b78f-4055-88d0-e1c92b9ae838");
    }
    assertThat(traced).isEqualTo(7);
  }

  @Test
  void allPropagatorsRequest_yieldsOneContextPerFormatInFixedOrder() {
    TraceHeaders parsed = parser.parse(Map.of(
        "x-b3-spanid", "623f57bac43885f2", "x-datadog-parent-id", "7079473598917281266",
        "x-datadog-trace-id", "5022023626287078999", "x-b3-sampled", "1",
        "traceparent", "00-000000000000000045b1cfe15a75de57-623f57bac43885f2-01",
        "x-b3-traceid", "45b1cfe15a75de57", "tracestate", "dd=s:1;o:rum",
        "b3", "45b1cfe15a75de57-623f57bac43885f2-1"));

    assertThat(parsed.contexts()).extracting(PropagatedContext::format).containsExactly(
        HeaderFormat.W3C, HeaderFormat.B3_SINGLE, HeaderFormat.B3_MULTI, HeaderFormat.DATADOG);
  }

  @Test
  void everyFormatAtOnce_isFound() {
    TraceHeaders parsed = parser.parse(Map.of(
        "traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
        "uber-trace-id", "4c482a9866071599:7fce86b544364257:0:1",
        "x-gc-trace-id", "12677922385975430496",
        "sw8", "1-OGM5ZjZhMmUtNGQxYi00ZjNhLTllN2MtMmI1ZDhhMWYwYzM0-YQ==-0-YQ==-YQ==-YQ==-YQ==",
        "sentry-trace", "771a43a4192642f0b136d5159a501700-b7ad6b7169203331-1",
        "elastic-apm-traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));

    assertThat(parsed.contexts()).extracting(PropagatedContext::format).containsExactly(HeaderFormat.W3C,
        HeaderFormat.JAEGER, HeaderFormat.GUANCE, HeaderFormat.SKYWALKING, HeaderFormat.SENTRY, HeaderFormat.ELASTIC);
    assertThat(parsed.errors()).isEmpty();
  }

  @Test
  void sameHeaderInTwoCasesWithDifferentValues_keepsTheFirstAndSaysSo() {
    Map<String, String> raw = new LinkedHashMap<>();
    raw.put("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    raw.put("TRACEPARENT", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

    TraceHeaders parsed = parser.parse(raw);

    assertThat(parsed.contexts()).singleElement()
        .satisfies(c -> assertThat(c.traceId().toHex()).isEqualTo("0af7651916cd43dd8448eb211c80319c"));
    assertThat(parsed.errors()).containsExactly("traceparent: sent twice with different values (kept the first)");
  }

  @Test
  void hostileValue_isQuotedShortInTheError() {
    TraceHeaders parsed = parser.parse(Map.of("traceparent", "x".repeat(10_000)));

    assertThat(parsed.errors()).singleElement().asString().hasSizeLessThan(200);
  }
}
