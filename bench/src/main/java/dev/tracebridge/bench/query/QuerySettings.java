package dev.tracebridge.bench.query;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What bench/run-query.sh passes: where the engine is, how many traces to store, and how long and how
 * hard to query them.
 *
 * @param traces joined traces stored before querying; clients pick one at random per request
 * @param clients concurrent closed-loop clients (issue 6 item 7: 16)
 * @param warmup how long each endpoint is queried before measuring, so the JIT and Cassandra's caches settle
 * @param duration how long each endpoint is measured
 * @param heap the engine's -Xmx (the launcher's default is 512m)
 * @param clockTicks the kernel's clock ticks per second ({@code getconf CLK_TCK}), for CPU times
 * @param rates total requests per second to pace the clients at, one measured run per rate, after the
 *     closed-loop run (each client sending as soon as its last request answered)
 * @param jfr where the engine records a JFR profile; null for none
 * @param verdicts whether the loaded traces' verdicts are decided before measuring or during the runs
 */
record QuerySettings(Path root, Path workDir, int traces, int clients, Duration warmup, Duration duration,
    String heap, long clockTicks, List<Integer> rates, @Nullable Path jfr, VerdictTiming verdicts) {
  static final int DEFAULT_TRACES = 200;
  static final int DEFAULT_CLIENTS = 16;
  /**
   * The engine's C2 compiler was still busy (~0.4 cores of the two) 90 s after its start under this load
   * (JFR, session 7): a shorter warm-up measures the compiler as much as the engine.
   */
  static final Duration DEFAULT_WARMUP = Duration.ofSeconds(90);
  static final Duration DEFAULT_DURATION = Duration.ofSeconds(60);
  static final String DEFAULT_HEAP = "512m";
  /**
   * Paced runs: 16 people reading a trace a second each, then four and eight times that: where latency
   * stands below saturation, which the closed-loop run reaches by construction.
   */
  static final List<Integer> DEFAULT_RATES = List.of(16, 64, 128);
  /** Linux's usual USER_HZ. */
  static final long DEFAULT_CLOCK_TICKS = 100;

  static QuerySettings parse(String[] args) {
    Path root = null;
    Path workDir = null;
    int traces = DEFAULT_TRACES;
    int clients = DEFAULT_CLIENTS;
    Duration warmup = DEFAULT_WARMUP;
    Duration duration = DEFAULT_DURATION;
    String heap = DEFAULT_HEAP;
    long clockTicks = DEFAULT_CLOCK_TICKS;
    List<Integer> rates = DEFAULT_RATES;
    Path jfr = null;
    VerdictTiming verdicts = VerdictTiming.SETTLED;
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (!arg.startsWith("--") || eq < 0) throw new IllegalArgumentException("argument: '" + arg + "' (expected: --name=value)");
      String name = arg.substring(2, eq);
      String value = arg.substring(eq + 1);
      switch (name) {
        case "root" -> root = Path.of(value);
        case "work-dir" -> workDir = Path.of(value);
        case "traces" -> traces = positive(name, value);
        case "clients" -> clients = positive(name, value);
        case "warmup" -> warmup = Duration.ofSeconds(positive(name, value));
        case "duration" -> duration = Duration.ofSeconds(positive(name, value));
        case "heap" -> heap = value;
        case "clock-ticks" -> clockTicks = positive(name, value);
        case "rates" -> rates = value.isEmpty() ? List.of()
            : Arrays.stream(value.split(",")).map(r -> positive(name, r.strip())).toList();
        case "jfr" -> jfr = Path.of(value);
        case "verdicts" -> verdicts = VerdictTiming.parse(value);
        default -> throw new IllegalArgumentException("argument: '--" + name + "' (expected: --root, --work-dir,"
            + " --traces, --clients, --warmup, --duration, --heap, --clock-ticks, --rates, --jfr or --verdicts)");
      }
    }
    if (root == null || workDir == null) throw new IllegalArgumentException("--root and --work-dir: required");
    return new QuerySettings(root, workDir, traces, clients, warmup, duration, heap, clockTicks, rates, jfr,
        verdicts);
  }

  private static int positive(String name, String value) {
    try {
      int n = Integer.parseInt(value);
      if (n > 0) return n;
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new IllegalArgumentException(name + ": '" + value + "' (expected: a whole number > 0)");
  }
}
