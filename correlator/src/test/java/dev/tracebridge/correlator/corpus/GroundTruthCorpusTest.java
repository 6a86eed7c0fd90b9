package dev.tracebridge.correlator.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.core.health.InMemoryVerdictStore;
import dev.tracebridge.core.storage.InMemoryTraceStore;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ground-truth corpus against the in-memory stores: every join right, every decidable verdict right,
 * every clock offset within its stated uncertainty of the truth.
 */
class GroundTruthCorpusTest {
  /** Enough requests that every cause meets every format, arrival order and duplicate kind several times. */
  private static final int REQUESTS = 1_200;

  @ParameterizedTest
  @ValueSource(longs = {1L, 42L, 20_261_125L})
  void generatedCorpus_joinsVerdictsAndOffsets_allMatchTheTruth(long seed) {
    CorpusRun.CorpusReport report = new CorpusRun(new InMemoryTraceStore(), new InMemoryVerdictStore())
        .run(seed, REQUESTS, Instant.ofEpochSecond(1_700_000_000L));

    System.out.println("seed " + seed + ": " + report);
    assertThat(report.misses()).as(report.toString()).isEmpty();
    assertThat(report.causes()).hasSize(Cause.values().length);
    assertThat(report.joins()).isEqualTo(REQUESTS);
    assertThat(report.skewChecks()).isGreaterThan(REQUESTS / 2);
  }
}
