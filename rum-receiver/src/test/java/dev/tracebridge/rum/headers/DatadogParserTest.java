package dev.tracebridge.rum.headers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.rum.HeaderFormat;
import dev.tracebridge.core.rum.PropagatedContext;
import dev.tracebridge.core.rum.Sampling;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatadogParserTest {

  @Test
  void datadogRumRequest_isTheDecimalLow64Bits() {
    // backend-received-headers.json, request /allow/dd.
    ParsedHeaders parsed = new ParsedHeaders(new DatadogParser(), Map.of("x-datadog-origin", "rum",
        "x-datadog-parent-id", "3261531174938607510", "x-datadog-trace-id", "4361794481953003869",
        "x-datadog-sampling-priority", "1"));

    assertThat(parsed.context).isEqualTo(new PropagatedContext(HeaderFormat.DATADOG,
        TraceId.fromHex("3c8834f8b811595d"), SpanId.fromHex("2d434952c213ff96"), Sampling.SAMPLED));
  }

  @Test
  void referenceExample_meetsItsHexForm() {
    ParsedHeaders parsed = new ParsedHeaders(new DatadogParser(), Map.of("x-datadog-trace-id", "9532127138774266268"));

    assertThat(parsed.context.traceId().toHex()).isEqualTo("00000000000000008448eb211c80319c");
    assertThat(parsed.context.spanId()).isNull();
    assertThat(parsed.context.sampling()).isEqualTo(Sampling.UNKNOWN);
  }

  @Test
  void tidTag_suppliesTheHigh64Bits() {
    ParsedHeaders parsed = new ParsedHeaders(new DatadogParser(), Map.of("x-datadog-trace-id", "9532127138774266268",
        "x-datadog-tags", "_dd.p.dm=-4,_dd.p.tid=464d5ff3a7c6ba32"));

    assertThat(parsed.context.traceId().toHex()).isEqualTo("464d5ff3a7c6ba328448eb211c80319c");
  }

  @Test
  void guancePriorities_mapToTheirDecisions() {
    assertThat(new ParsedHeaders(new DatadogParser(), Map.of("x-datadog-trace-id", "1",
        "x-datadog-sampling-priority", "2")).context.sampling()).isEqualTo(Sampling.SAMPLED);
    assertThat(new ParsedHeaders(new DatadogParser(), Map.of("x-datadog-trace-id", "1",
        "x-datadog-sampling-priority", "-1")).context.sampling()).isEqualTo(Sampling.NOT_SAMPLED);
    assertThat(new ParsedHeaders(new DatadogParser(), Map.of("x-datadog-trace-id", "1",
        "x-datadog-sampling-priority", "0")).context.sampling()).isEqualTo(Sampling.NOT_SAMPLED);
  }

  @Test
  void hexTraceId_isExplained() {
    ParsedHeaders parsed = new ParsedHeaders(new DatadogParser(), Map.of("x-datadog-trace-id", "8448eb211c80319c"));

    assertThat(parsed.context).isNull();
    assertThat(parsed.errors).containsExactly("x-datadog-trace-id: '8448eb211c80319c' (expected: an unsigned decimal)");
  }

  @Test
  void idBeyond64Bits_isExplained() {
    ParsedHeaders parsed = new ParsedHeaders(new DatadogParser(), Map.of("x-datadog-trace-id", "18446744073709551616"));

    assertThat(parsed.context).isNull();
    assertThat(parsed.errors).singleElement().asString().contains("does not fit in 64 bits");
  }

  @Test
  void malformedTidTag_keepsThe64BitIdAndSaysWhy() {
    ParsedHeaders parsed = new ParsedHeaders(new DatadogParser(), Map.of("x-datadog-trace-id", "1",
        "x-datadog-tags", "_dd.p.tid=xyz"));

    assertThat(parsed.context.traceId().is64Bit()).isTrue();
    assertThat(parsed.errors).containsExactly("x-datadog-tags: _dd.p.tid='xyz' (expected: 16 hex digits)");
  }
}
