package dev.tracebridge.rum.headers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.rum.HeaderFormat;
import dev.tracebridge.core.rum.PropagatedContext;
import dev.tracebridge.core.rum.Sampling;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SentryParserTest {

  @Test
  void referenceExample_isSampled() {
    ParsedHeaders parsed = new ParsedHeaders(new SentryParser(),
        Map.of("sentry-trace", "771a43a4192642f0b136d5159a501700-b7ad6b7169203331-1"));

    assertThat(parsed.context).isEqualTo(new PropagatedContext(HeaderFormat.SENTRY,
        TraceId.fromHex("771a43a4192642f0b136d5159a501700"), SpanId.fromHex("b7ad6b7169203331"), Sampling.SAMPLED));
  }

  @Test
  void deferredDecision_isUnknown() {
    ParsedHeaders parsed = new ParsedHeaders(new SentryParser(),
        Map.of("sentry-trace", "771a43a4192642f0b136d5159a501700-b7ad6b7169203331"));

    assertThat(parsed.context.sampling()).isEqualTo(Sampling.UNKNOWN);
  }

  @Test
  void shortTraceId_isExplained() {
    ParsedHeaders parsed = new ParsedHeaders(new SentryParser(), Map.of("sentry-trace", "771a43a4-b7ad6b7169203331-1"));

    assertThat(parsed.context).isNull();
    assertThat(parsed.errors).containsExactly("sentry-trace: trace id '771a43a4' (expected: 32 hex digits)");
  }
}
