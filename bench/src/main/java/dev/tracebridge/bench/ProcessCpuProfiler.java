package dev.tracebridge.bench;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * CPU time of the benchmark JVM per operation ({@code -prof dev.tracebridge.bench.ProcessCpuProfiler}).
 * The targets are CPU per span, and the machines these run on are shared: other processes stretch the
 * wall-clock average time, not the CPU the decode used. Process CPU includes the collector's and the
 * compiler's threads, so garbage a decode leaves behind is charged to it, as it is in production.
 */
public final class ProcessCpuProfiler implements InternalProfiler {
  private static final double NANOS_PER_MICRO = 1_000;

  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private long startCpuNanos;

  @Override
  public String getDescription() {
    return "process CPU time per operation";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    startCpuNanos = os.getProcessCpuTime();
  }

  @Override
  public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
      IterationParams iterationParams, IterationResult result) {
    long cpuNanos = os.getProcessCpuTime() - startCpuNanos;
    // Measured operations already count @OperationsPerInvocation: this is CPU per span.
    long ops = result.getMetadata().getMeasuredOps();
    if (ops <= 0) return List.of();
    return List.of(new ScalarResult("cpu", cpuNanos / NANOS_PER_MICRO / ops, "us/op",
        AggregationPolicy.AVG));
  }
}
