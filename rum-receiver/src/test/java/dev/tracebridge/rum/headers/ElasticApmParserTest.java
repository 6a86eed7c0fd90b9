package dev.tracebridge.rum.headers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.core.rum.HeaderFormat;
import dev.tracebridge.core.rum.Sampling;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ElasticApmParserTest {

  @Test
  void legacyHeader_readsTheW3cLayoutAsItsOwnFormat() {
    ParsedHeaders parsed = new ParsedHeaders(new ElasticApmParser(),
        Map.of("elastic-apm-traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));

    assertThat(parsed.context.format()).isEqualTo(HeaderFormat.ELASTIC);
    assertThat(parsed.context.traceId().toHex()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
    assertThat(parsed.context.sampling()).isEqualTo(Sampling.SAMPLED);
  }

  @Test
  void malformedValue_namesThisHeader() {
    ParsedHeaders parsed = new ParsedHeaders(new ElasticApmParser(), Map.of("elastic-apm-traceparent", "00-1-2"));

    assertThat(parsed.errors).singleElement().asString().startsWith("elastic-apm-traceparent: '00-1-2' has 3 fields");
  }
}
