package dev.tracebridge.api.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.core.join.JoinedTrace;
import dev.tracebridge.core.model.Attributes;
import dev.tracebridge.core.model.Resource;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.SpanEvent;
import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.SpanKind;
import dev.tracebridge.core.model.SpanStatus;
import dev.tracebridge.core.model.TraceId;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class TraceJsonTest {
  private static final TraceId TRACE = TraceId.fromHex("0af7651916cd43dd8448eb211c80319c");
  private static final long T0 = 1_764_079_200_000_000_000L;

  @Test
  void keysAndTextNeedingEscapes_readBackAsStored() {
    Attributes attributes = Attributes.builder().put("quo\"te", "say \"hi\"").put("new\nline", "tab\there")
        .put("caf\u00e9", "\u20ac 5").put("back\\slash", "\u0001").put("db.system", "postgresql").build();
    Span root = span("00f067aa0ba902b7", null, SpanKind.SERVER).attributes(attributes)
        .status(SpanStatus.of(SpanStatus.Code.ERROR, "failed \"badly\""))
        .events(List.of(new SpanEvent("exception", T0 + 5, attributes, 0))).build();
    Span child = span("00000000000000a1", "00f067aa0ba902b7", SpanKind.CLIENT).attributes(attributes).build();

    JsonNode json = encode(
        new JoinedTrace(TRACE, List.of(root, child), List.of(), List.of(), List.of(), List.of(), List.of()));

    assertThat(json.get("traceId").asString()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
    for (JsonNode span : json.get("spans")) {
      assertThat(span.get("traceId").asString()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
      assertThat(span.get("attributes").get("quo\"te").asString()).isEqualTo("say \"hi\"");
      assertThat(span.get("attributes").get("new\nline").asString()).isEqualTo("tab\there");
      assertThat(span.get("attributes").get("caf\u00e9").asString()).isEqualTo("\u20ac 5");
      assertThat(span.get("attributes").get("back\\slash").asString()).isEqualTo("\u0001");
    }
    JsonNode first = json.get("spans").get(0);
    assertThat(first.get("spanId").asString()).isEqualTo("00f067aa0ba902b7");
    assertThat(first.get("parentSpanId").isNull()).isTrue();
    assertThat(first.get("kind").asString()).isEqualTo("SERVER");
    assertThat(first.get("status").get("code").asString()).isEqualTo("ERROR");
    assertThat(first.get("status").get("message").asString()).isEqualTo("failed \"badly\"");
    assertThat(first.get("events").get(0).get("attributes").get("quo\"te").asString()).isEqualTo("say \"hi\"");
    JsonNode second = json.get("spans").get(1);
    assertThat(second.get("parentSpanId").asString()).isEqualTo("00f067aa0ba902b7");
    assertThat(second.get("kind").asString()).isEqualTo("CLIENT");
    assertThat(second.get("status").get("code").asString()).isEqualTo("UNSET");
  }

  private static JsonNode encode(JoinedTrace trace) {
    AnswerBuffer body = AnswerBuffer.take();
    try {
      TraceJson.write(trace, body);
      return JsonMapper.builder().build().readTree(Arrays.copyOf(body.array(), body.length()));
    } finally {
      body.release();
    }
  }

  private static Span.Builder span(String id, @Nullable String parent, SpanKind kind) {
    return Span.builder().traceId(TRACE).spanId(SpanId.fromHex(id))
        .parentSpanId(parent == null ? null : SpanId.fromHex(parent)).name("GET /cart").kind(kind)
        .startEpochNanos(T0).endEpochNanos(T0 + 10)
        .resource(Resource.of(Attributes.builder().put("service.name", "checkout").build()));
  }
}
