package dev.tracebridge.bench;

import dev.tracebridge.otlp.DecodedExport;
import dev.tracebridge.otlp.MalformedExportException;
import dev.tracebridge.otlp.OtlpJsonTraceDecoder;
import dev.tracebridge.otlp.OtlpLimits;
import dev.tracebridge.otlp.OtlpTraceDecoder;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * OTLP decode to the core model: the bytes of one 200-span export ({@link SampleExport}) in, core spans
 * out, exactly what the receivers do before handing spans to the sink. Reported per span
 * ({@code @OperationsPerInvocation}); the target is at most 2 µs of CPU per span (issue 3). A single
 * thread, so the average time is the CPU time of the decode.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class OtlpDecodeBenchmark {
  private final OtlpTraceDecoder protobufDecoder = new OtlpTraceDecoder(OtlpLimits.defaults());
  private final OtlpJsonTraceDecoder jsonDecoder = new OtlpJsonTraceDecoder(OtlpLimits.defaults());
  private byte[] protobuf = new byte[0];
  private byte[] json = new byte[0];

  @Setup
  public void encode() {
    SampleExport export = SampleExport.create();
    protobuf = export.protobuf();
    json = export.json();
  }

  /** OTLP/gRPC and OTLP/HTTP with {@code application/x-protobuf}. */
  @Benchmark
  @OperationsPerInvocation(SampleExport.SPANS)
  public DecodedExport protobuf() throws MalformedExportException {
    return protobufDecoder.decode(protobuf);
  }

  /** OTLP/HTTP with {@code application/json}, what browser SDKs send. */
  @Benchmark
  @OperationsPerInvocation(SampleExport.SPANS)
  public DecodedExport json() throws MalformedExportException {
    return jsonDecoder.decode(json);
  }
}
