package dev.tracebridge.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.otlp.DecodedExport;
import dev.tracebridge.otlp.OtlpLimits;
import dev.tracebridge.otlp.OtlpTraceDecoder;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TraceExportTemplateTest {
  private final TraceExportTemplate template = TraceExportTemplate.create();
  private final OtlpTraceDecoder decoder = new OtlpTraceDecoder(OtlpLimits.defaults());

  @Test
  void nextExport_decodesTo200SpansIn20TracesWithExactlyTheNewIds() throws Exception {
    long[] ids = new long[2 * template.traces()];
    DecodedExport export = decoder.decode(template.next(new SplittableRandom(7), ids));

    List<Span> spans = export.spans();
    assertThat(spans).hasSize(200);
    Set<TraceId> written = new HashSet<>();
    for (int t = 0; t < template.traces(); t++) written.add(TraceId.of(ids[2 * t], ids[2 * t + 1]));
    assertThat(written).hasSize(20);
    assertThat(spans).extracting(Span::traceId).containsOnlyElementsOf(written);
    for (TraceId id : written) {
      assertThat(spans.stream().filter(s -> s.traceId().equals(id))).as(id.toHex()).hasSize(10);
    }
  }

  @Test
  void consecutiveExports_shareNoTraceId() throws Exception {
    SplittableRandom random = new SplittableRandom(11);
    long[] first = new long[2 * template.traces()];
    long[] second = new long[2 * template.traces()];
    Set<TraceId> a = traceIds(decoder.decode(template.next(random, first)));
    Set<TraceId> b = traceIds(decoder.decode(template.next(random, second)));

    assertThat(a).hasSize(20).doesNotContainAnyElementsOf(b);
  }

  @Test
  void template_isAbout490BytesPerSpan() {
    assertThat(template.bytes() / template.spans()).isBetween(450, 550);
  }

  private static Set<TraceId> traceIds(DecodedExport export) {
    Set<TraceId> ids = new HashSet<>();
    export.spans().forEach(s -> ids.add(s.traceId()));
    return ids;
  }
}
