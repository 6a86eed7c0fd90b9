package dev.tracebridge.bench.correlator;

import dev.tracebridge.core.ingest.IngestReceipt;
import dev.tracebridge.core.rum.RumEvent;
import dev.tracebridge.correlator.CorrelatingSink;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The correlator's ingest path per event: group spans by trace key and find the parentless server spans
 * to index; key each resource under every context it carried and derive its pending check. The stores
 * acknowledge at once, so what is measured is the correlator's own CPU (the store's encoding and I/O are
 * measured with the store). Targets (issue 5): at most 1 µs per span; a resource's whole cost, this plus
 * {@link PropagationCheckBenchmark}, at most 3 µs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CorrelatorIngestBenchmark {
  private final BrowserTraffic traffic = new BrowserTraffic(BrowserTraffic.REQUESTS, 7);
  private final List<RumEvent> events = List.copyOf(traffic.resources);
  private final CorrelatingSink sink = new CorrelatingSink(new DiscardingTraceStore(), new DiscardingVerdictStore(),
      Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC));

  /** One OTLP export of 20 traces of 10 spans, per span. */
  @Benchmark
  @OperationsPerInvocation(BrowserTraffic.SPANS)
  public IngestReceipt spans() {
    return sink.acceptSpans(traffic.spans).toCompletableFuture().join();
  }

  /** One RUM batch of 20 traced fetches with three contexts each, per resource. */
  @Benchmark
  @OperationsPerInvocation(BrowserTraffic.REQUESTS)
  public IngestReceipt resources() {
    return sink.acceptRum(events).toCompletableFuture().join();
  }
}
