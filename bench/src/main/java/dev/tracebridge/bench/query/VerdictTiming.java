package dev.tracebridge.bench.query;

import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * When the propagation checker decides the verdicts of the traces the benchmark stores. Deciding them reads
 * every trace back whole in one burst, which a reader running at the same time feels.
 */
enum VerdictTiming {
  /**
   * The engine waits 5 s instead of 2 minutes for late spans (every span is stored before anything is
   * measured), and the benchmark waits for the verdicts before its warm-up: the runs measure reads alone.
   */
  SETTLED(Duration.ofSeconds(5)),
  /**
   * The engine keeps its 2-minute grace period and nothing waits: the burst lands 2-2.5 minutes after loading,
   * inside whichever run is measured then (with {@code --warmup=60}, the first paced run of trace by id), as
   * it would among a team reading traces while their browsers' requests are judged.
   */
  LIVE(null);

  /** The grace period the engine is started with; null keeps its default. */
  final @Nullable Duration grace;

  VerdictTiming(@Nullable Duration grace) {
    this.grace = grace;
  }

  static VerdictTiming parse(String value) {
    for (VerdictTiming t : values()) {
      if (t.name().toLowerCase(Locale.ROOT).equals(value)) return t;
    }
    throw new IllegalArgumentException("verdicts: '" + value + "' (expected: settled or live)");
  }
}
