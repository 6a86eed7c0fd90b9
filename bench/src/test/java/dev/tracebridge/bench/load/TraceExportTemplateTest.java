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
  /** 2027-01-01T00:00:00Z, a month after the template's own times. */
  private static final long END_NANOS = 1_798_761_600_000_000_000L;
  private final TraceExportTemplate template = TraceExportTemplate.create();
  private final OtlpTraceDecoder decoder = new OtlpTraceDecoder(OtlpLimits.defaults());

  @Test
  void nextExport_decodesTo200SpansIn20TracesWithExactlyTheNewIds() throws Exception {
    long[] ids = new long[2 * template.traces()];
    DecodedExport export = decoder.decode(template.next(new SplittableRandom(7), ids, END_NANOS));

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
    Set<TraceId> a = traceIds(decoder.decode(template.next(random, first, END_NANOS)));
    Set<TraceId> b = traceIds(decoder.decode(template.next(random, second, END_NANOS)));

    assertThat(a).hasSize(20).doesNotContainAnyElementsOf(b);
  }

  @Test
  void nextExport_endsAtTheGivenTimeAndKeepsEverySpansLength() throws Exception {
    List<Span> original = decoder.decode(template.next(new SplittableRandom(3), new long[40], END_NANOS)).spans();
    List<Span> later = decoder.decode(template.next(new SplittableRandom(3), new long[40], END_NANOS + 60_000_000_000L))
        .spans();

    assertThat(original.stream().mapToLong(Span::endEpochNanos).max().orElseThrow()).isEqualTo(END_NANOS);
    for (int i = 0; i < original.size(); i++) {
      assertThat(later.get(i).startEpochNanos() - original.get(i).startEpochNanos()).isEqualTo(60_000_000_000L);
      assertThat(later.get(i).durationNanos()).isEqualTo(original.get(i).durationNanos());
      assertThat(later.get(i).events()).hasSameSizeAs(original.get(i).events());
      for (int e = 0; e < later.get(i).events().size(); e++) {
        assertThat(later.get(i).events().get(e).epochNanos() - original.get(i).events().get(e).epochNanos())
            .isEqualTo(60_000_000_000L);
      }
    }
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
