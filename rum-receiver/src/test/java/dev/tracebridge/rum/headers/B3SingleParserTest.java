package dev.tracebridge.rum.headers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.rum.HeaderFormat;
import dev.tracebridge.core.rum.PropagatedContext;
import dev.tracebridge.core.rum.Sampling;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class B3SingleParserTest {
  private static ParsedHeaders parse(String value) {
    return new ParsedHeaders(new B3SingleParser(), Map.of("b3", value));
  }

  @Test
  void referenceExample16Hex_padsToTheSameKeyAsW3c() {
    ParsedHeaders parsed = parse("d27ac9c0d7bfe6cc-4df5d1d12600fbf1-1");

    assertThat(parsed.context).isEqualTo(new PropagatedContext(HeaderFormat.B3_SINGLE,
        TraceId.fromHex("0000000000000000d27ac9c0d7bfe6cc"), SpanId.fromHex("4df5d1d12600fbf1"), Sampling.SAMPLED));
  }

  @Test
  void datadogRumB3Request_matchesWhatTheBackendReceived() {
    // backend-received-headers.json, request /allow/b3, and its _dd.trace_id 15401954809059439730.
    ParsedHeaders parsed = parse("d5bebc4bb89b7472-4c238aa2d16799ae-1");

    assertThat(parsed.context.traceId()).isEqualTo(TraceId.fromDecimal("15401954809059439730"));
    assertThat(parsed.context.spanId()).isEqualTo(SpanId.fromDecimal("5486381202969958830"));
  }

  @Test
  void id128BitWithParent_keepsAll128Bits() {
    ParsedHeaders parsed = parse("80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1-05e3ac9a4f6e3b90");

    assertThat(parsed.context.traceId().toHex()).isEqualTo("80f198ee56343ba864fe8b2a57d3eff7");
  }

  @ParameterizedTest
  @CsvSource({"1, SAMPLED", "d, SAMPLED", "0, NOT_SAMPLED"})
  void samplingState_mapsDebugToSampled(String state, Sampling expected) {
    assertThat(parse("d27ac9c0d7bfe6cc-4df5d1d12600fbf1-" + state).context.sampling()).isEqualTo(expected);
  }

  @Test
  void withoutSamplingState_isUnknown() {
    assertThat(parse("d27ac9c0d7bfe6cc-4df5d1d12600fbf1").context.sampling()).isEqualTo(Sampling.UNKNOWN);
  }

  @Test
  void denyOnly_carriesNoIdsAndIsNoError() {
    ParsedHeaders parsed = parse("0");

    assertThat(parsed.context).isNull();
    assertThat(parsed.errors).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "x | b3: 'x' (expected: a sampling state 0, 1 or d, or ids)",
      "d27ac9c0d7bfe6-4df5d1d12600fbf1-1 | b3: trace id 'd27ac9c0d7bfe6' (expected: 16 or 32 hex digits)",
      "d27ac9c0d7bfe6cc-4df5d1d1-1 | b3: span id '4df5d1d1' (expected: 16 hex digits)",
      "d27ac9c0d7bfe6cc-4df5d1d12600fbf1-yes | b3: sampling state 'yes' (expected: 0, 1 or d)"})
  void malformedValue_isSkippedAndExplained(String value, String error) {
    ParsedHeaders parsed = parse(value);

    assertThat(parsed.context).isNull();
    assertThat(parsed.errors).containsExactly(error);
  }
}
