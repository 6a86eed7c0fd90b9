package dev.tracebridge.rum.headers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.rum.HeaderFormat;
import dev.tracebridge.core.rum.PropagatedContext;
import dev.tracebridge.core.rum.Sampling;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JaegerParserTest {
  private static ParsedHeaders parse(String value) {
    return new ParsedHeaders(new JaegerParser(), Map.of("uber-trace-id", value));
  }

  @Test
  void referenceExample_isSampled64BitContext() {
    ParsedHeaders parsed = parse("4c482a9866071599:7fce86b544364257:0:1");

    assertThat(parsed.context).isEqualTo(new PropagatedContext(HeaderFormat.JAEGER,
        TraceId.fromHex("4c482a9866071599"), SpanId.fromHex("7fce86b544364257"), Sampling.SAMPLED));
  }

  @Test
  void unpaddedHex_meetsThePaddedId() {
    ParsedHeaders parsed = parse("a9866071599:86b544364257:0:1");

    assertThat(parsed.context.traceId().toHex()).isEqualTo("000000000000000000000a9866071599");
    assertThat(parsed.context.spanId().toHex()).isEqualTo("000086b544364257");
  }

  @Test
  void urlEncodedColons_areDecoded() {
    ParsedHeaders parsed = parse("4c482a9866071599%3A7fce86b544364257%3A0%3A1");

    assertThat(parsed.context.traceId().toHex()).isEqualTo("00000000000000004c482a9866071599");
    assertThat(parsed.errors).isEmpty();
  }

  @Test
  void guance128BitMode_keepsAllBits() {
    ParsedHeaders parsed = parse("00000000000000004c482a9866071599:7fce86b544364257:0:1");

    assertThat(parsed.context.traceId()).isEqualTo(TraceId.fromHex("4c482a9866071599"));
  }

  @Test
  void flagsWithoutSampledBit_areNotSampled() {
    assertThat(parse("4c482a9866071599:7fce86b544364257:0:0").context.sampling()).isEqualTo(Sampling.NOT_SAMPLED);
    assertThat(parse("4c482a9866071599:7fce86b544364257:0:3").context.sampling()).isEqualTo(Sampling.SAMPLED);
  }

  @Test
  void wrongFieldCount_isExplained() {
    ParsedHeaders parsed = parse("4c482a9866071599:7fce86b544364257:1");

    assertThat(parsed.context).isNull();
    assertThat(parsed.errors).containsExactly(
        "uber-trace-id: '4c482a9866071599:7fce86b544364257:1' has 3 fields (expected: 4, traceid:spanid:parentid:flags)");
  }

  @Test
  void brokenEscape_isExplained() {
    ParsedHeaders parsed = parse("4c482a9866071599%3:7fce86b544364257:0:1");

    assertThat(parsed.errors).containsExactly("uber-trace-id: '4c482a9866071599%3:7fce86b544364257:0:1' has a broken %-escape");
  }
}
