package dev.tracebridge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.core.model.Span;
import dev.tracebridge.otlp.DecodedExport;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The benchmark decodes what its description says; checked without running JMH. */
class SampleExportTest {
  /** "About 500 bytes per span", as issue 3 sizes a realistic span. */
  private static final int MIN_BYTES_PER_SPAN = 450;
  private static final int MAX_BYTES_PER_SPAN = 550;

  private final SampleExport export = SampleExport.create();

  @Test
  void sample_is20TracesOf10SpansWith10AttributesEach() {
    assertThat(export.spans()).hasSize(200);
    assertThat(export.spans().stream().map(s -> s.getTraceId()).distinct()).hasSize(20);
    assertThat(export.spans()).allSatisfy(s -> assertThat(s.getAttributes().size()).isEqualTo(10));
  }

  @Test
  void protobuf_isAbout500BytesPerSpan() {
    assertThat(export.protobuf().length / SampleExport.SPANS)
        .isBetween(MIN_BYTES_PER_SPAN, MAX_BYTES_PER_SPAN);
  }

  @Test
  void sample_isTheSameBytesEveryTime() {
    assertThat(Arrays.equals(SampleExport.create().protobuf(), export.protobuf())).isTrue();
  }

  @Test
  void benchmarkMethods_decodeEverySpanOfBothEncodings() throws Exception {
    OtlpDecodeBenchmark benchmark = new OtlpDecodeBenchmark();
    benchmark.encode();

    DecodedExport fromProtobuf = benchmark.protobuf();
    DecodedExport fromJson = benchmark.json();

    assertThat(fromProtobuf.spans()).hasSize(200);
    assertThat(fromProtobuf.rejected()).isZero();
    assertThat(fromJson).isEqualTo(fromProtobuf);
    Span first = fromProtobuf.spans().get(0);
    assertThat(first.serviceName()).isEqualTo("checkout");
    assertThat(first.attributes().size()).isEqualTo(10);
  }
}
