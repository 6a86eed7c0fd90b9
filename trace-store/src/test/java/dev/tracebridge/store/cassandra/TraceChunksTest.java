package dev.tracebridge.store.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.storage.TestTelemetry;
import dev.tracebridge.core.storage.TraceWrite;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceChunksTest {
  private final TraceId traceId = TestTelemetry.randomTraceId();
  private final Span first = TestTelemetry.fullSpan(traceId, TestTelemetry.randomSpanId(), null);
  private final Span second = TestTelemetry.fullSpan(traceId, TestTelemetry.randomSpanId(), null);

  @Test
  void sameSpansInAnotherOrder_sameChunkId() {
    assertThat(TraceChunks.spanChunkId(List.of(first, second)))
        .isEqualTo(TraceChunks.spanChunkId(List.of(second, first)));
  }

  @Test
  void subsetOfTheSpans_anotherChunkId() {
    assertThat(TraceChunks.spanChunkId(List.of(first)))
        .isNotEqualTo(TraceChunks.spanChunkId(List.of(first, second)))
        .isNotEqualTo(TraceChunks.spanChunkId(List.of(second)));
  }

  @Test
  void manySpans_splitIntoChunksOfAtMostTheLimit() {
    List<Span> spans = new ArrayList<>();
    for (int i = 0; i < TraceChunks.MAX_RECORDS_PER_CHUNK * 2 + 1; i++) {
      spans.add(TestTelemetry.fullSpan(traceId, TestTelemetry.randomSpanId(), null));
    }

    List<TraceChunks.Chunk> chunks = TraceChunks.of(TraceWrite.ofSpans(traceId.key(), spans));

    assertThat(chunks).hasSize(3).allSatisfy(c -> assertThat(c.rowKind()).isEqualTo(Schema.ROW_KIND_SPAN_CHUNK));
    assertThat(chunks).extracting(TraceChunks.Chunk::id).doesNotHaveDuplicates();
  }

  @Test
  void resources_goToResourceChunks() {
    var resource = TestTelemetry.fullResource(traceId, TestTelemetry.randomSpanId());

    List<TraceChunks.Chunk> chunks = TraceChunks.of(new TraceWrite(traceId.key(), List.of(first), List.of(resource)));

    assertThat(chunks).extracting(TraceChunks.Chunk::rowKind)
        .containsExactly(Schema.ROW_KIND_SPAN_CHUNK, Schema.ROW_KIND_RESOURCE_CHUNK);
  }
}
