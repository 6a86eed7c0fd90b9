package dev.tracebridge.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.bench.SampleExport;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.otlp.OtlpLimits;
import dev.tracebridge.otlp.OtlpTraceDecoder;
import dev.tracebridge.store.cassandra.codec.ChunkCodec;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ChunkRecordIdsTest {

  @Test
  void storedChunk_yieldsTheIdsOfEverySpanInIt() throws Exception {
    List<Span> export = new OtlpTraceDecoder(OtlpLimits.defaults()).decode(SampleExport.create().protobuf()).spans();
    List<Span> trace = export.stream().filter(s -> s.traceId().equals(export.get(0).traceId())).toList();
    Set<Object> read = new HashSet<>();

    ChunkRecordIds.spanIds(ByteBuffer.wrap(ChunkCodec.encodeSpans(trace)), read);

    assertThat(read).hasSize(SampleExport.SPANS_PER_TRACE).isEqualTo(trace.stream()
        .map(s -> new ChunkRecordIds.SpanKey(s.traceId().low(), s.spanId().value())).collect(Collectors.toSet()));
  }
}
