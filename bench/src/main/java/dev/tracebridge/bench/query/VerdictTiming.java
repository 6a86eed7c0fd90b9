package dev.tracebridge.bench.query;

import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * When the propagation checker decides the verdicts of the traces the benchmark stores. Deciding them reads
 * every trace back whole and writes each verdict with a lightweight transaction, in one burst.
 */
enum VerdictTiming {
  /**
   * The engine waits 5 s instead of 2 minutes for late spans (every span is stored before anything is
   * measured), and the benchmark waits for the verdicts before its warm-up: the runs measure reads alone.
   */
  SETTLED(Duration.ofSeconds(5), Duration.ofMinutes(3)),
  /**
   * The engine keeps its 2-minute grace period. A first set of traces is stored and its verdicts awaited, so
   * that the checker's code is compiled in the engine and in Cassandra as on any node that has run for a
   * while; then, at the start of the next minute, a second set is stored and nothing waits for its verdicts:
   * they are decided 3-3.5 minutes later, inside whichever run is measured then (with {@code --warmup=90}, the
   * first paced run of trace by id), as among a team reading traces while their browsers' requests are judged.
   * Clients read both sets.
   */
  LIVE(null, Duration.ofMinutes(5));

  /** The grace period the engine is started with; null keeps its default. */
  final @Nullable Duration grace;
  /** The grace period, the rest of the arrival minute, one check interval (30 s), the deciding, and spare. */
  final Duration verdictsTimeout;

  VerdictTiming(@Nullable Duration grace, Duration verdictsTimeout) {
    this.grace = grace;
    this.verdictsTimeout = verdictsTimeout;
  }

  static VerdictTiming parse(String value) {
    for (VerdictTiming t : values()) {
      if (t.name().toLowerCase(Locale.ROOT).equals(value)) return t;
    }
    throw new IllegalArgumentException("verdicts: '" + value + "' (expected: settled or live)");
  }
}
