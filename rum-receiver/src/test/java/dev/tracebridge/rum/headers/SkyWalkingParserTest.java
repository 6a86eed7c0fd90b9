package dev.tracebridge.rum.headers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.rum.HeaderFormat;
import dev.tracebridge.core.rum.Sampling;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SkyWalkingParserTest {
  private static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String sw8(String sample, String traceId) {
    return sample + "-" + b64(traceId) + "-" + b64("5b6c2d41-6e0b-4bc4-9a0a-cc3a01b53d0f") + "-0-"
        + b64("shop_web_rum_prod") + "-" + b64("1.0.0") + "-" + b64("https://shop.example/cart") + "-"
        + b64("api.shop.example");
  }

  @Test
  void uuidTraceIdFromGuanceSdk_mapsToTheUuidsHexDigits() {
    ParsedHeaders parsed = new ParsedHeaders(new SkyWalkingParser(),
        Map.of("sw8", sw8("1", "8c9f6a2e-4d1b-4f3a-9e7c-2b5d8a1f0c34")));

    assertThat(parsed.context.format()).isEqualTo(HeaderFormat.SKYWALKING);
    assertThat(parsed.context.traceId()).isEqualTo(TraceId.fromHex("8c9f6a2e4d1b4f3a9e7c2b5d8a1f0c34"));
    assertThat(parsed.context.spanId()).isNull();
    assertThat(parsed.context.sampling()).isEqualTo(Sampling.SAMPLED);
  }

  @Test
  void javaAgentDottedTraceId_isOpaqueAndGivesNoContextNorError() {
    ParsedHeaders parsed = new ParsedHeaders(new SkyWalkingParser(),
        Map.of("sw8", sw8("1", "a1b2c3d4e5f6.123.16900000000001")));

    assertThat(parsed.context).isNull();
    assertThat(parsed.errors).isEmpty();
  }

  @Test
  void notSampledFlag_isKept() {
    ParsedHeaders parsed = new ParsedHeaders(new SkyWalkingParser(),
        Map.of("sw8", sw8("0", "8c9f6a2e-4d1b-4f3a-9e7c-2b5d8a1f0c34")));

    assertThat(parsed.context.sampling()).isEqualTo(Sampling.NOT_SAMPLED);
  }

  @Test
  void wrongFieldCount_isExplained() {
    ParsedHeaders parsed = new ParsedHeaders(new SkyWalkingParser(), Map.of("sw8", "1-abc-def"));

    assertThat(parsed.errors).singleElement().asString().startsWith("sw8: '1-abc-def' has 3 fields (expected: 8");
  }

  @Test
  void traceIdNotBase64_isExplained() {
    ParsedHeaders parsed = new ParsedHeaders(new SkyWalkingParser(), Map.of("sw8", "1-%%%-a-0-a-a-a-a"));

    assertThat(parsed.errors).containsExactly("sw8: trace id '%%%' (expected: Base64 text)");
  }
}
