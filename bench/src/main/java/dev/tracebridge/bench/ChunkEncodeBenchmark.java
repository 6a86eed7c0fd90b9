package dev.tracebridge.bench;

import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.otlp.MalformedExportException;
import dev.tracebridge.otlp.OtlpLimits;
import dev.tracebridge.otlp.OtlpTraceDecoder;
import dev.tracebridge.store.cassandra.codec.ChunkCodec;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The store's side of a span: one {@link SampleExport} decoded, its spans grouped by trace as the store
 * groups a write, each trace's spans encoded into the compressed chunk Cassandra receives, and those
 * chunks decoded again as a trace read does. Reported per span, like {@link OtlpDecodeBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ChunkEncodeBenchmark {
  private List<List<Span>> traces = List.of();
  private List<ByteBuffer> chunks = List.of();

  @Setup
  public void decode() throws MalformedExportException {
    Map<TraceId, List<Span>> byTrace = new LinkedHashMap<>();
    for (Span span : new OtlpTraceDecoder(OtlpLimits.defaults()).decode(SampleExport.create().protobuf()).spans()) {
      byTrace.computeIfAbsent(span.traceId(), id -> new ArrayList<>()).add(span);
    }
    traces = List.copyOf(byTrace.values());
    List<ByteBuffer> encoded = new ArrayList<>();
    for (List<Span> trace : traces) encoded.add(ByteBuffer.wrap(ChunkCodec.encodeSpans(trace)));
    chunks = List.copyOf(encoded);
  }

  /** What a trace write costs the engine before the driver sees it. */
  @Benchmark
  @OperationsPerInvocation(SampleExport.SPANS)
  public void encode(Blackhole sink) {
    for (List<Span> trace : traces) sink.consume(ChunkCodec.encodeSpans(trace));
  }

  /** What a trace read costs the engine once the driver has the rows. */
  @Benchmark
  @OperationsPerInvocation(SampleExport.SPANS)
  public void decode(Blackhole sink) {
    for (ByteBuffer chunk : chunks) {
      sink.consume(ChunkCodec.decodeSpans(chunk.duplicate(), damaged -> {
        throw damaged;
      }));
    }
  }
}
