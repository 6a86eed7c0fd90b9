package dev.tracebridge.api.jaeger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.core.join.JoinedTrace;
import dev.tracebridge.core.model.Attributes;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.rum.ResourceType;
import dev.tracebridge.core.rum.RumContext;
import dev.tracebridge.core.rum.RumResource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JaegerTraceConverterTest {

  @Test
  void sixtyFourBitTrace_isPrintedAsJaegerPrintsIt() {
    assertThat(JaegerTraceConverter.jaegerId(TraceId.fromHex("8448eb211c80319c"))).isEqualTo("8448eb211c80319c");
    assertThat(JaegerTraceConverter.jaegerId(TraceId.fromHex("0af7651916cd43dd8448eb211c80319c")))
        .isEqualTo("0af7651916cd43dd8448eb211c80319c");
  }

  @Test
  void requestWithoutPropagatedSpan_getsAStableIdOfItsOwn() {
    TraceId id = TraceId.fromHex("0af7651916cd43dd8448eb211c80319c");
    RumResource untraced = new RumResource("res-1", RumContext.of("shop", "s", "v", "https://shop.example/"),
        1_000_000, 5_000_000, ResourceType.FETCH, "https://shop.example/api", "GET", 200, null, List.of(),
        Map.of(), Attributes.empty());
    Span span = Span.builder().traceId(id).spanId(SpanId.fromHex("00000000000000aa")).name("GET /api")
        .startEpochNanos(2_000_000).endEpochNanos(3_000_000).build();
    JoinedTrace trace = new JoinedTrace(id, List.of(span), List.of(untraced), List.of(), List.of());

    JaegerJson.Trace first = JaegerTraceConverter.convert(trace);
    JaegerJson.Trace again = JaegerTraceConverter.convert(trace);

    JaegerJson.Span browser = first.spans().get(0);
    assertThat(browser.spanID()).isNotEqualTo("00000000000000aa").hasSize(16).isEqualTo(again.spans().get(0).spanID());
    assertThat(first.processes().get(browser.processID()).serviceName()).isEqualTo("browser:shop");
    assertThat(first.processes().get(first.spans().get(1).processID()).serviceName()).isEqualTo("unknown_service");
  }
}
