package dev.tracebridge.rum.headers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.rum.HeaderFormat;
import dev.tracebridge.core.rum.PropagatedContext;
import dev.tracebridge.core.rum.Sampling;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class W3cTraceparentParserTest {
  private static ParsedHeaders parse(String value) {
    return new ParsedHeaders(new W3cTraceparentParser(), Map.of("traceparent", value));
  }

  @Test
  void specExample_isSampled128BitContext() {
    ParsedHeaders parsed = parse("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

    assertThat(parsed.context).isEqualTo(new PropagatedContext(HeaderFormat.W3C,
        TraceId.fromHex("0af7651916cd43dd8448eb211c80319c"), SpanId.fromHex("b7ad6b7169203331"), Sampling.SAMPLED));
    assertThat(parsed.errors).isEmpty();
  }

  @Test
  void datadogZeroPadded64BitId_keysLikeTheDecimalBackendId() {
    // Datadog RUM 7.16.2's tc request and the x-datadog-trace-id of its dd request, same run.
    ParsedHeaders parsed = parse("00-00000000000000008427694da6e61791-386031ec69cb6d01-01");

    assertThat(parsed.context.traceId().is64Bit()).isTrue();
    assertThat(parsed.context.traceId().key()).isEqualTo(TraceId.fromDecimal("9522695719331698577").key());
  }

  @Test
  void guanceTrace64PlusSpan64_isAnOrdinary128BitId() {
    ParsedHeaders parsed = parse("00-aff1073d5209cd6063577867d8150a93-63577867d8150a93-01");

    assertThat(parsed.context.traceId()).isEqualTo(TraceId.fromHex("aff1073d5209cd6063577867d8150a93"));
    assertThat(parsed.context.spanId()).isEqualTo(SpanId.fromHex("63577867d8150a93"));
  }

  @Test
  void upperCaseHexAndSurroundingSpaces_areAccepted() {
    ParsedHeaders parsed = parse("  00-0AF7651916CD43DD8448EB211C80319C-B7AD6B7169203331-01 ");

    assertThat(parsed.context.traceId().toHex()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
  }

  @Test
  void flagsWithoutSampledBit_areNotSampled() {
    assertThat(parse("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00").context.sampling())
        .isEqualTo(Sampling.NOT_SAMPLED);
  }

  @Test
  void futureVersion_mayCarryMoreFields() {
    assertThat(parse("01-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-extra").context).isNotNull();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331 | traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331' has 3 fields (expected: 4, version-traceid-spanid-flags)",
      "ff-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01 | traceparent: version 'ff' (expected: 2 hex digits, not ff)",
      "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-x | traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-x' has 5 fields (expected: 4 for version 00)",
      "00-0af7651916cd43dd8448eb211c8031-b7ad6b7169203331-01 | traceparent: trace id '0af7651916cd43dd8448eb211c8031' (expected: 32 hex digits)",
      "00-0af7651916cd43dd8448eb211c80319c-b7ad6b716920333z-01 | traceparent: span id 'b7ad6b716920333z' (expected: 16 hex digits)",
      "00-00000000000000000000000000000000-b7ad6b7169203331-01 | traceparent: trace id is all zero (expected: a non-zero id)",
      "00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01 | traceparent: span id is all zero (expected: a non-zero id)",
      "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-1 | traceparent: flags '1' (expected: 2 hex digits)"})
  void malformedValue_isSkippedAndExplained(String value, String error) {
    ParsedHeaders parsed = parse(value);

    assertThat(parsed.context).isNull();
    assertThat(parsed.errors).containsExactly(error);
  }
}
