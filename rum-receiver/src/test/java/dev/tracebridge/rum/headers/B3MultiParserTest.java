package dev.tracebridge.rum.headers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.rum.HeaderFormat;
import dev.tracebridge.core.rum.PropagatedContext;
import dev.tracebridge.core.rum.Sampling;
import java.util.Map;
import org.junit.jupiter.api.Test;

class B3MultiParserTest {

  @Test
  void datadogRumB3MultiRequest_matchesItsReportedIds() {
    // backend-received-headers.json, request /allow/b3multi: _dd.trace_id 15600493116025948269.
    ParsedHeaders parsed = new ParsedHeaders(new B3MultiParser(), Map.of(
        "x-b3-traceid", "d88015d585a7486d", "x-b3-spanid", "64253cb7626675c9", "x-b3-sampled", "1"));

    assertThat(parsed.context).isEqualTo(new PropagatedContext(HeaderFormat.B3_MULTI,
        TraceId.fromDecimal("15600493116025948269"), SpanId.fromDecimal("7216240736258651593"), Sampling.SAMPLED));
  }

  @Test
  void headerNamesInAnyCase_areFound() {
    ParsedHeaders parsed = new ParsedHeaders(new B3MultiParser(), Map.of(
        "X-B3-TraceId", "80f198ee56343ba864fe8b2a57d3eff7", "X-B3-SpanId", "e457b5a2e4d86bd1",
        "X-B3-Sampled", "0"));

    assertThat(parsed.context.traceId().toHex()).isEqualTo("80f198ee56343ba864fe8b2a57d3eff7");
    assertThat(parsed.context.sampling()).isEqualTo(Sampling.NOT_SAMPLED);
  }

  @Test
  void debugFlag_meansSampled() {
    ParsedHeaders parsed = new ParsedHeaders(new B3MultiParser(), Map.of(
        "x-b3-traceid", "d88015d585a7486d", "x-b3-spanid", "64253cb7626675c9", "x-b3-flags", "1"));

    assertThat(parsed.context.sampling()).isEqualTo(Sampling.SAMPLED);
  }

  @Test
  void legacyTrueFalse_areUnderstood() {
    ParsedHeaders parsed = new ParsedHeaders(new B3MultiParser(), Map.of(
        "x-b3-traceid", "d88015d585a7486d", "x-b3-spanid", "64253cb7626675c9", "x-b3-sampled", "true"));

    assertThat(parsed.context.sampling()).isEqualTo(Sampling.SAMPLED);
  }

  @Test
  void spanIdMissing_isExplained() {
    ParsedHeaders parsed = new ParsedHeaders(new B3MultiParser(), Map.of("x-b3-traceid", "d88015d585a7486d"));

    assertThat(parsed.context).isNull();
    assertThat(parsed.errors).containsExactly("b3multi: x-b3-spanid missing (expected: both ids)");
  }
}
