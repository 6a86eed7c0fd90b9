package dev.tracebridge.rum.headers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.rum.HeaderFormat;
import dev.tracebridge.core.rum.PropagatedContext;
import dev.tracebridge.core.rum.Sampling;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResponseTraceParserTest {
  private static final PropagatedContext SERVER = new PropagatedContext(HeaderFormat.RESPONSE,
      TraceId.fromHex("4bf92f3577b34da6a3ce929d0e0e4736"), SpanId.fromHex("00f067aa0ba902b7"), Sampling.SAMPLED);

  private final List<String> errors = new ArrayList<>();
  private final ResponseTraceParser parser = new ResponseTraceParser();

  @Test
  void traceresponseAndServerTimingWithTheSameId_countOnce() {
    List<PropagatedContext> found = parser.parse(Map.of(
        "traceresponse", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "Server-Timing", "cache;desc=\"hit, fresh\";dur=0.1, traceparent;desc=\"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\""),
        Map.of(), errors);

    assertThat(found).containsExactly(SERVER);
    assertThat(errors).isEmpty();
  }

  @Test
  void serverTimingWithUnquotedDesc_isRead() {
    List<PropagatedContext> found = parser.parse(
        Map.of("server-timing", "traceparent;desc=00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"),
        Map.of(), errors);

    assertThat(found).containsExactly(SERVER);
  }

  @Test
  void documentMetaTags_ofEachVendor_areResponseContexts() {
    List<PropagatedContext> found = parser.parse(Map.of(), Map.of(
        "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "dd-trace-id", "9532127138774266268",
        "df-trace-id", "8c9f6a2e-4d1b-4f3a-9e7c-2b5d8a1f0c34"), errors);

    assertThat(found).containsExactly(SERVER,
        new PropagatedContext(HeaderFormat.RESPONSE, TraceId.fromHex("8448eb211c80319c"), null, Sampling.UNKNOWN),
        new PropagatedContext(HeaderFormat.RESPONSE, TraceId.fromHex("8c9f6a2e4d1b4f3a9e7c2b5d8a1f0c34"), null,
            Sampling.UNKNOWN));
  }

  @Test
  void serverTimingMetricWithoutDesc_isExplained() {
    assertThat(parser.parse(Map.of("server-timing", "traceparent;dur=1"), Map.of(), errors)).isEmpty();
    assertThat(errors).containsExactly("server-timing: metric traceparent has no desc (expected: the id in desc)");
  }

  @Test
  void malformedMetaId_isExplained() {
    assertThat(parser.parse(Map.of(), Map.of("dd-trace-id", "abc"), errors)).isEmpty();
    assertThat(errors).containsExactly("meta dd-trace-id: 'abc' (expected: an unsigned decimal)");
  }
}
