package dev.tracebridge.rum.headers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.rum.HeaderFormat;
import dev.tracebridge.core.rum.PropagatedContext;
import dev.tracebridge.core.rum.Sampling;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GuanceParserTest {
  /** Guance's W3C 64-bit mode: a zero-padded traceparent plus the same ids in decimal (REFERENCE.md §1). */
  private static final Map<String, String> W3C_64_BIT = Map.of(
      "traceparent", "00-0000000000000000aff1073d5209cd60-63577867d8150a93-01",
      "x-gc-trace-id", "12677922385975430496",
      "x-gc-span-id", "7158322520130914963");

  @Test
  void decimalIds_equalTheZeroPaddedTraceparent() {
    ParsedHeaders guance = new ParsedHeaders(new GuanceParser(), W3C_64_BIT);
    ParsedHeaders w3c = new ParsedHeaders(new W3cTraceparentParser(), W3C_64_BIT);

    assertThat(guance.context).isEqualTo(new PropagatedContext(HeaderFormat.GUANCE,
        TraceId.fromHex("aff1073d5209cd60"), SpanId.fromHex("63577867d8150a93"), Sampling.SAMPLED));
    assertThat(guance.context.traceId()).isEqualTo(w3c.context.traceId());
    assertThat(guance.context.spanId()).isEqualTo(w3c.context.spanId());
  }

  @Test
  void withoutTraceparent_samplingIsUnknown() {
    ParsedHeaders parsed = new ParsedHeaders(new GuanceParser(), Map.of("x-gc-trace-id", "12677922385975430496"));

    assertThat(parsed.context.sampling()).isEqualTo(Sampling.UNKNOWN);
    assertThat(parsed.context.spanId()).isNull();
  }

  @Test
  void unsampledTraceparent_makesItNotSampled() {
    ParsedHeaders parsed = new ParsedHeaders(new GuanceParser(), Map.of("x-gc-trace-id", "12677922385975430496",
        "traceparent", "00-0000000000000000aff1073d5209cd60-63577867d8150a93-00"));

    assertThat(parsed.context.sampling()).isEqualTo(Sampling.NOT_SAMPLED);
  }

  @Test
  void hexValue_isExplained() {
    ParsedHeaders parsed = new ParsedHeaders(new GuanceParser(), Map.of("x-gc-trace-id", "aff1073d5209cd60",
        "x-gc-span-id", "12"));

    assertThat(parsed.context).isNull();
    assertThat(parsed.errors).containsExactly("x-gc-trace-id: 'aff1073d5209cd60' (expected: an unsigned decimal)");
  }
}
