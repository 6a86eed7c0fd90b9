package dev.tracebridge.bench.load;

import dev.tracebridge.correlator.health.PropagationCheckSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What {@code bench/run-load.sh} passes: {@code --name=value} options, each with a default that keeps a
 * whole run within a few minutes on a shared 2-core machine.
 *
 * @param root the checkout holding {@code ./tracebridge}
 * @param workDir where the engine's data, logs and GC log go (the script makes a temporary one)
 * @param steps target rates in spans/s, tried in order until one is not sustained
 * @param stepDuration how long each rate is held
 * @param warmup a first unmeasured period at the lowest rate, so the JIT has compiled the hot paths, the
 *     propagation checker's included
 * @param settle an unmeasured period at each step's rate (and the half rate's) before it is measured: the
 *     benchmark stops sending while it reads the warm-up or the last step back, and for the first 15-30 s
 *     after sending resumes at a higher rate the JIT compilers of the node and the engine re-optimise the
 *     write path that the reads had changed, which is the benchmark's own doing, not a rate the pair cannot
 *     hold; what the engine acknowledges meanwhile is read back too
 * @param halfRateDuration how long the half-rate step that measures ingest-to-queryable latency lasts
 * @param rumShare share of traces that also get a native RUM resource with their traceparent
 * @param maxOutstanding exports awaiting an answer at once; sends beyond it are skipped and counted
 * @param heap the engine's -Xmx
 * @param cassandraHeap the embedded node's -Xmx ({@code tracebridge.embedded.heap})
 * @param jfr where to write a JFR profile of the engine, or null
 * @param docs the benchmarks.md to append the results to, or null to print them only
 * @param clockTicks the kernel's clock ticks per second ({@code getconf CLK_TCK}), the unit of /proc CPU times
 */
record LoadSettings(Path root, Path workDir, List<Integer> steps, Duration stepDuration, Duration warmup,
    Duration settle, Duration halfRateDuration, double rumShare, int maxOutstanding, String heap,
    String cassandraHeap, @Nullable Path jfr, @Nullable Path docs, long clockTicks) {

  /**
   * A gradual ramp (a cold engine and node started at a high rate queue up before their JIT has
   * compiled anything), past where this engine tops out today (27,500-30,000 spans/s on 2 quiet cores,
   * docs/benchmarks.md) and the 30,000 target; stepping stops at the first rate not sustained.
   */
  static final List<Integer> DEFAULT_STEPS =
      List.of(2_500, 5_000, 10_000, 15_000, 20_000, 22_500, 25_000, 27_500, 30_000, 35_000, 40_000);
  /** Long enough for several memtable flushes and a stable rate; short enough for a shared machine. */
  static final Duration DEFAULT_STEP = Duration.ofSeconds(30);
  /** The re-optimisation after a read-back lasted 15-30 s (docs/benchmarks.md, "End-to-end load", session 11). */
  static final Duration DEFAULT_SETTLE = Duration.ofSeconds(30);
  /**
   * The latest the engine's propagation checker ends its first run after the first resource arrived: the end
   * of that resource's arrival minute, the grace period, up to one period until the next run, and its spread.
   * That run compiles the checker's paths in both JVMs, once, and took most of the machine for seconds when it
   * fell into a measured step (docs/benchmarks.md, "End-to-end load", session 12).
   */
  static final Duration CHECKER_FIRST_RUN = Duration.ofMinutes(1).plus(PropagationCheckSettings.DEFAULT_GRACE)
      .plus(PropagationCheckSettings.RECOMMENDED_PERIOD).plus(PropagationCheckSettings.ENGINE_SPREAD);
  /** With the unmeasured settle after it, past the checker's first run. */
  static final Duration DEFAULT_WARMUP = CHECKER_FIRST_RUN.minus(DEFAULT_SETTLE);
  /** Brief's default run length for the latency measurement. */
  static final Duration DEFAULT_HALF_RATE = Duration.ofSeconds(60);
  static final double DEFAULT_RUM_SHARE = 0.1;
  /** 128 exports = 25,600 spans awaiting an answer: two seconds of the 10,000 spans/s step. */
  static final int DEFAULT_MAX_OUTSTANDING = 128;
  /** Longest a step may be asked to last: the run must stay bounded. */
  static final Duration MAX_STEP = Duration.ofMinutes(10);
  static final long DEFAULT_CLOCK_TICKS = 100;

  LoadSettings {
    if (steps.isEmpty() || steps.stream().anyMatch(r -> r <= 0)) {
      throw new IllegalArgumentException("steps: " + steps + " (expected: rates > 0 in spans/s)");
    }
    for (Duration d : List.of(stepDuration, warmup, halfRateDuration)) {
      if (d.isNegative() || d.compareTo(MAX_STEP) > 0) {
        throw new IllegalArgumentException("duration: " + d + " (expected: 0 to " + MAX_STEP + ")");
      }
    }
    if (!(rumShare >= 0 && rumShare <= 1)) {
      throw new IllegalArgumentException("rum-share: " + rumShare + " (expected: 0 to 1)");
    }
    if (maxOutstanding <= 0) {
      throw new IllegalArgumentException("max-outstanding: " + maxOutstanding + " (expected: > 0)");
    }
  }

  static LoadSettings parse(String[] args) {
    Path root = Path.of(".");
    Path workDir = null;
    List<Integer> steps = DEFAULT_STEPS;
    Duration step = DEFAULT_STEP;
    Duration warmup = DEFAULT_WARMUP;
    Duration settle = DEFAULT_SETTLE;
    Duration half = DEFAULT_HALF_RATE;
    double rumShare = DEFAULT_RUM_SHARE;
    int maxOutstanding = DEFAULT_MAX_OUTSTANDING;
    String heap = "512m";
    // The engine's own default for its embedded node (tracebridge.embedded.heap).
    String cassandraHeap = "512m";
    Path jfr = null;
    Path docs = null;
    long ticks = DEFAULT_CLOCK_TICKS;
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (!arg.startsWith("--") || eq < 0) {
        throw new IllegalArgumentException("option: '" + arg + "' (expected: --name=value)");
      }
      String name = arg.substring(2, eq);
      String value = arg.substring(eq + 1);
      switch (name) {
        case "root" -> root = Path.of(value);
        case "work-dir" -> workDir = Path.of(value);
        case "rate" -> steps = List.of(Integer.parseInt(value));
        case "steps" -> steps = Arrays.stream(value.split(",")).map(String::strip).map(Integer::parseInt).toList();
        case "duration", "step-duration" -> step = seconds(value);
        case "warmup" -> warmup = seconds(value);
        case "settle" -> settle = seconds(value);
        case "half-rate-duration" -> half = seconds(value);
        case "rum-share" -> rumShare = Double.parseDouble(value);
        case "max-outstanding" -> maxOutstanding = Integer.parseInt(value);
        case "heap" -> heap = value;
        case "cassandra-heap" -> cassandraHeap = value;
        case "jfr" -> jfr = Path.of(value);
        case "docs" -> docs = Path.of(value);
        case "clock-ticks" -> ticks = Long.parseLong(value);
        default -> throw new IllegalArgumentException("option: '--" + name + "' is unknown (expected: root,"
            + " work-dir, rate, steps, duration, warmup, settle, half-rate-duration, rum-share, max-outstanding, heap,"
            + " cassandra-heap, jfr, docs, clock-ticks)");
      }
    }
    if (workDir == null) throw new IllegalArgumentException("work-dir: missing (expected: --work-dir=DIR)");
    return new LoadSettings(root.toAbsolutePath().normalize(), workDir, steps, step, warmup, settle, half, rumShare,
        maxOutstanding, heap, cassandraHeap, jfr, docs, ticks);
  }

  /** "30" or "30s" seconds, "2m" minutes. */
  private static Duration seconds(String text) {
    String t = text.strip();
    if (t.endsWith("m")) return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
    if (t.endsWith("s")) t = t.substring(0, t.length() - 1);
    return Duration.ofSeconds(Long.parseLong(t));
  }
}
