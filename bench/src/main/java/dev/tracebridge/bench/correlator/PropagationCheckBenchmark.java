package dev.tracebridge.bench.correlator;

import dev.tracebridge.core.health.InMemoryVerdictStore;
import dev.tracebridge.core.storage.InMemoryTraceStore;
import dev.tracebridge.correlator.CorrelatingSink;
import dev.tracebridge.correlator.health.CheckRun;
import dev.tracebridge.correlator.health.PropagationCheckSettings;
import dev.tracebridge.correlator.health.PropagationChecker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Deciding propagation verdicts, per resource: read the resource's trace partition, join it through the
 * adjuster chain, apply the rules, look for parentless server spans when no id links it, store the
 * verdict and the clock sample. On the in-memory stores, whose cost (hash maps, one lock) is part of the
 * figure; Cassandra's round trips are not. Each invocation decides a fresh minute of {@value #CHECKS}
 * resources.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PropagationCheckBenchmark {
  static final int CHECKS = 200;
  private static final Instant ARRIVAL = Instant.ofEpochSecond(1_700_000_000L);

  private final BrowserTraffic traffic = new BrowserTraffic(CHECKS, 11);
  private final InMemoryTraceStore traces = new InMemoryTraceStore();
  private final PropagationCheckSettings settings = new PropagationCheckSettings(
      PropagationCheckSettings.DEFAULT_GRACE, PropagationCheckSettings.DEFAULT_FALLBACK_WINDOW,
      PropagationCheckSettings.DEFAULT_ORIGIN_EVIDENCE_WINDOW, Duration.ofMinutes(5), 10,
      PropagationCheckSettings.DEFAULT_MAX_CHECKS_IN_FLIGHT, PropagationCheckSettings.DEFAULT_MAX_CANDIDATES,
      Duration.ZERO);
  private PropagationChecker checker = new PropagationChecker(traces, new InMemoryVerdictStore(), settings);

  @Setup(Level.Trial)
  public void store() {
    CorrelatingSink sink = new CorrelatingSink(traces, new InMemoryVerdictStore(), Clock.fixed(ARRIVAL, ZoneOffset.UTC));
    sink.acceptSpans(traffic.spans).toCompletableFuture().join();
  }

  /** A fresh verdict store holding the minute's pending checks, so every invocation decides them all. */
  @Setup(Level.Invocation)
  public void pending() {
    InMemoryVerdictStore verdicts = new InMemoryVerdictStore();
    CorrelatingSink sink = new CorrelatingSink(traces, verdicts, Clock.fixed(ARRIVAL, ZoneOffset.UTC));
    sink.acceptRum(List.copyOf(traffic.resources)).toCompletableFuture().join();
    // The parentless server spans go into the fresh store's index too, so stripped requests find them.
    sink.acceptSpans(traffic.spans).toCompletableFuture().join();
    checker = new PropagationChecker(traces, verdicts, settings);
  }

  @Benchmark
  @OperationsPerInvocation(CHECKS)
  public CheckRun decide() {
    return checker.runOnce(ARRIVAL.plus(Duration.ofMinutes(4)));
  }
}
