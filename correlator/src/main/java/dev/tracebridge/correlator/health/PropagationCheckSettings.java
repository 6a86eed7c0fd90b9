package dev.tracebridge.correlator.health;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How the propagation checker decides.
 *
 * @param grace how long after a resource arrived its backend spans may still come: OpenTelemetry's batch
 *     span processor exports every 5 s, a Collector's batch processor adds up to 10 s, and an exporter that
 *     retries after a failed export takes a minute or more; 2 minutes covers a couple of retries
 * @param fallbackWindow how far, either side of the browser's request, a parentless server span of the same
 *     method and path is looked for: browser clocks are off by minutes (DESIGN.md "Clock skew"; the
 *     ground-truth corpus goes to ±10 min), so 15 minutes
 * @param originEvidenceWindow how recently a request of the app to the same origin must have been linked for
 *     a request with no span at all to count as dropped by the backend's sampler rather than as going to an
 *     uninstrumented backend: a day spans a deploy cycle
 * @param firstRunLookback where a store the checker never ran on starts: an hour of arrivals
 * @param maxBucketsPerRun arrival minutes decided per run at most, so one run's work is bounded and a
 *     backlog is caught up over several runs
 * @param maxChecksInFlight resources whose reads are in flight at once
 * @param maxCandidates parentless server spans read per resource: enough to find a session's request among
 *     an endpoint's other traffic, few enough to bound a hot endpoint's read
 * @param spread about how long the checker takes over the newest due minute when it holds more checks than
 *     {@code maxChecksInFlight}: its reads and writes go at a steady rate instead of taking every core at once
 *     ({@link dev.tracebridge.correlator.WorkPace}); zero decides at once. A backlog of older minutes is never
 *     paced.
 */
public record PropagationCheckSettings(
    Duration grace,
    Duration fallbackWindow,
    Duration originEvidenceWindow,
    Duration firstRunLookback,
    int maxBucketsPerRun,
    int maxChecksInFlight,
    int maxCandidates,
    Duration spread) {

  public static final Duration DEFAULT_GRACE = Duration.ofMinutes(2);
  public static final Duration DEFAULT_FALLBACK_WINDOW = Duration.ofMinutes(15);
  public static final Duration DEFAULT_ORIGIN_EVIDENCE_WINDOW = Duration.ofDays(1);
  public static final Duration DEFAULT_FIRST_RUN_LOOKBACK = Duration.ofHours(1);
  public static final int DEFAULT_MAX_BUCKETS_PER_RUN = 60;
  public static final int DEFAULT_MAX_CHECKS_IN_FLIGHT = 64;
  public static final int DEFAULT_MAX_CANDIDATES = 100;
  /**
   * The spread the engine runs the checker with: a third of the minute before the next one is due, and with the
   * 30 s between runs still less than a minute per minute. Unpaced, one minute's 5,400 verdicts took ~1 of 2
   * cores for ~7 s while ingest ran (docs/benchmarks.md, "End-to-end load", session 12).
   */
  public static final Duration ENGINE_SPREAD = Duration.ofSeconds(20);
  /** The period the engine should run the checker at: twice per arrival bucket, so a bucket waits at most 30 s. */
  public static final Duration RECOMMENDED_PERIOD = Duration.ofSeconds(30);

  public PropagationCheckSettings {
    requireNonNull(grace, "grace");
    requireNonNull(fallbackWindow, "fallbackWindow");
    requireNonNull(originEvidenceWindow, "originEvidenceWindow");
    requireNonNull(firstRunLookback, "firstRunLookback");
    requireNonNull(spread, "spread");
    if (grace.isNegative()) throw new IllegalArgumentException("grace: " + grace + " (expected: >= 0)");
    if (fallbackWindow.isNegative()) {
      throw new IllegalArgumentException("fallbackWindow: " + fallbackWindow + " (expected: >= 0)");
    }
    if (originEvidenceWindow.isNegative()) {
      throw new IllegalArgumentException("originEvidenceWindow: " + originEvidenceWindow + " (expected: >= 0)");
    }
    if (firstRunLookback.isNegative()) {
      throw new IllegalArgumentException("firstRunLookback: " + firstRunLookback + " (expected: >= 0)");
    }
    if (maxBucketsPerRun < 1) {
      throw new IllegalArgumentException("maxBucketsPerRun: " + maxBucketsPerRun + " (expected: > 0)");
    }
    if (maxChecksInFlight < 1) {
      throw new IllegalArgumentException("maxChecksInFlight: " + maxChecksInFlight + " (expected: > 0)");
    }
    if (maxCandidates < 1) {
      throw new IllegalArgumentException("maxCandidates: " + maxCandidates + " (expected: > 0)");
    }
    if (spread.isNegative()) throw new IllegalArgumentException("spread: " + spread + " (expected: >= 0)");
  }

  /** Decides at once (no spread): what tests and the correlator's benchmarks use; the engine adds a spread. */
  public static PropagationCheckSettings defaults() {
    return new PropagationCheckSettings(DEFAULT_GRACE, DEFAULT_FALLBACK_WINDOW, DEFAULT_ORIGIN_EVIDENCE_WINDOW,
        DEFAULT_FIRST_RUN_LOOKBACK, DEFAULT_MAX_BUCKETS_PER_RUN, DEFAULT_MAX_CHECKS_IN_FLIGHT,
        DEFAULT_MAX_CANDIDATES, Duration.ZERO);
  }

  public PropagationCheckSettings withGrace(Duration newGrace) {
    return new PropagationCheckSettings(newGrace, fallbackWindow, originEvidenceWindow, firstRunLookback,
        maxBucketsPerRun, maxChecksInFlight, maxCandidates, spread);
  }

  public PropagationCheckSettings withSpread(Duration newSpread) {
    return new PropagationCheckSettings(grace, fallbackWindow, originEvidenceWindow, firstRunLookback,
        maxBucketsPerRun, maxChecksInFlight, maxCandidates, newSpread);
  }
}
