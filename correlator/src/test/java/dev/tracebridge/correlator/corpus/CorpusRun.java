package dev.tracebridge.correlator.corpus;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.health.HealthCount;
import dev.tracebridge.core.health.PropagationVerdict;
import dev.tracebridge.core.health.Verdict;
import dev.tracebridge.core.health.VerdictStore;
import dev.tracebridge.core.join.ClockCorrection;
import dev.tracebridge.core.join.JoinedTrace;
import dev.tracebridge.core.join.LinkMatch;
import dev.tracebridge.core.join.TraceLink;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.model.TraceKey;
import dev.tracebridge.core.storage.TraceStore;
import dev.tracebridge.correlator.CorrelatingSink;
import dev.tracebridge.correlator.JoinedTraceReader;
import dev.tracebridge.correlator.TestClock;
import dev.tracebridge.correlator.health.CheckRun;
import dev.tracebridge.correlator.health.PropagationCheckSettings;
import dev.tracebridge.correlator.health.PropagationChecker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Feeds a corpus through the correlator as an engine would see it (each delivery at its arrival time, the
 * checker every 30 s of simulated time), then compares every joined trace, verdict and clock correction
 * with the truth. Works with any stores, so the same corpus runs in memory and on Cassandra.
 */
public final class CorpusRun {
  private static final long NANOS = 1_000_000_000L;
  private static final Duration CHECK_PERIOD = PropagationCheckSettings.RECOMMENDED_PERIOD;
  private static final Duration REPORT_MARGIN = Duration.ofDays(1);

  private final TraceStore traces;
  private final VerdictStore verdicts;
  private final PropagationCheckSettings settings = PropagationCheckSettings.defaults();

  public CorpusRun(TraceStore traces, VerdictStore verdicts) {
    this.traces = requireNonNull(traces, "traces");
    this.verdicts = requireNonNull(verdicts, "verdicts");
  }

  /** Generates a corpus from {@code seed}, runs it and checks it; the report lists every miss. */
  public CorpusReport run(long seed, int requests, Instant start) {
    Corpus corpus = CorpusGenerator.generate(seed, requests, start.getEpochSecond() * NANOS);
    TestClock clock = new TestClock(start);
    CorrelatingSink sink = new CorrelatingSink(traces, verdicts, clock);
    PropagationChecker checker = new PropagationChecker(traces, verdicts, settings);
    long nextCheck = corpus.deliveries().get(0).arrivalNanos();
    for (Corpus.Delivery delivery : corpus.deliveries()) {
      while (nextCheck <= delivery.arrivalNanos()) {
        clock.set(instant(nextCheck));
        checker.runOnce(clock.instant());
        nextCheck += CHECK_PERIOD.toNanos();
      }
      clock.set(instant(delivery.arrivalNanos()));
      if (!delivery.resources().isEmpty()) sink.acceptRum(List.copyOf(delivery.resources())).toCompletableFuture().join();
      if (!delivery.spans().isEmpty()) sink.acceptSpans(delivery.spans()).toCompletableFuture().join();
    }
    long end = corpus.deliveries().get(corpus.deliveries().size() - 1).arrivalNanos()
        + settings.grace().plus(Duration.ofMinutes(3)).toNanos();
    for (; nextCheck <= end; nextCheck += CHECK_PERIOD.toNanos()) checker.runOnce(instant(nextCheck));
    CheckRun last;
    do {
      last = checker.runOnce(instant(end));
    } while (last.bucketsBehind() > 0);
    return check(corpus);
  }

  private CorpusReport check(Corpus corpus) {
    JoinedTraceReader reader = new JoinedTraceReader(traces, verdicts, Runnable::run);
    CorpusReport report = new CorpusReport();
    int decided = 0;
    for (CorpusCase c : corpus.cases()) {
      report.count(c.cause());
      Optional<JoinedTrace> read = reader.trace(c.readId()).toCompletableFuture().join();
      if (read.isEmpty()) {
        report.joinMiss(c, "trace " + c.readId() + " reads empty");
        continue;
      }
      JoinedTrace joined = read.get();
      checkJoin(c, joined, report);
      decided += checkVerdicts(c, report);
      for (ClockCorrection correction : joined.clockCorrections()) {
        long truth = corpus.truthOffset(correction.sessionId(), correction.service());
        report.skew(c, correction, truth);
      }
      if (c.cause().linksByIds() && c.cause() != Cause.DOCUMENT_BY_RESPONSE
          && joined.clockCorrection(c.service()).isEmpty()) {
        report.skewMissing(c);
      }
    }
    long stored = 0;
    // Requests start at the corpus start; browser clocks are off by up to 10 minutes: a day either side.
    long first = corpus.deliveries().get(0).arrivalNanos() - REPORT_MARGIN.toNanos();
    long last = corpus.deliveries().get(corpus.deliveries().size() - 1).arrivalNanos() + REPORT_MARGIN.toNanos();
    for (HealthCount count : verdicts.health(CorpusGenerator.APP, first, last).toCompletableFuture().join().counts()) {
      stored += count.count();
    }
    report.health(decided, stored);
    return report;
  }

  private static void checkJoin(CorpusCase c, JoinedTrace joined, CorpusReport report) {
    List<TraceLink> links = new ArrayList<>();
    for (TraceLink link : joined.links()) {
      if (link.resourceEventId().equals(c.eventId())) links.add(link);
    }
    LinkMatch expected = c.expectedMatch();
    boolean fallbackDecided = c.verdictDecidable();
    if (expected == null || (expected == LinkMatch.FALLBACK && !fallbackDecided)) {
      if (!links.isEmpty()) report.joinMiss(c, "expected no edge, got " + links);
      else report.joinHit();
      return;
    }
    if (links.size() != 1 || links.get(0).match() != expected || !links.get(0).childSpanId().equals(c.linkedSpan())) {
      report.joinMiss(c, "expected one " + expected + " edge to " + c.linkedSpan() + ", got " + links);
      return;
    }
    double confidence = links.get(0).confidence();
    if (c.cause() == Cause.HEADER_STRIPPED_WITH_SESSION && confidence != 0.9
        || c.cause() == Cause.HEADER_STRIPPED_ALONE && confidence != 0.5) {
      report.joinMiss(c, "fallback confidence " + confidence);
      return;
    }
    report.joinHit();
  }

  /** Answers how many verdicts the case stored (its own and its copy's). */
  private int checkVerdicts(CorpusCase c, CorpusReport report) {
    PropagationVerdict expected = c.expectedVerdict();
    int stored = 0;
    for (String eventId : c.copyEventId() == null ? List.of(c.eventId()) : List.of(c.eventId(), c.copyEventId())) {
      Verdict verdict = find(eventId, c);
      if (verdict != null) stored++;
      if (!c.verdictDecidable()) continue;
      if (expected == null) {
        if (verdict != null) report.verdictMiss(c, eventId + ": expected none, got " + verdict.verdict());
        else report.verdictHit();
      } else if (verdict == null || verdict.verdict() != expected) {
        report.verdictMiss(c, eventId + ": expected " + expected + ", got "
            + (verdict == null ? "none" : verdict.verdict() + " (" + verdict.reason() + ")"));
      } else {
        report.verdictHit();
      }
    }
    return stored;
  }

  private @Nullable Verdict find(String eventId, CorpusCase c) {
    for (TraceKey key : verdictKeys(c)) {
      for (Verdict v : verdicts.verdicts(key).toCompletableFuture().join()) {
        if (v.eventId().equals(eventId)) return v;
      }
    }
    return null;
  }

  /** Where a case's verdict can be: the read id's partition, or (several formats) any of its contexts'. */
  private List<TraceKey> verdictKeys(CorpusCase c) {
    List<TraceKey> keys = new ArrayList<>();
    keys.add(c.readId().key());
    for (Verdict v : verdicts.verdicts(c.readId().key()).toCompletableFuture().join()) {
      if (v.eventId().equals(c.eventId())) return keys;
    }
    // A resource with several formats is keyed on its primary context, which may not be the one read.
    for (TraceId id : primaryIds(c)) keys.add(id.key());
    return keys;
  }

  private List<TraceId> primaryIds(CorpusCase c) {
    List<TraceId> ids = new ArrayList<>();
    traces.readTrace(c.readId().key()).toCompletableFuture().join().resources().stream()
        .filter(r -> r.eventId().equals(c.eventId()))
        .forEach(r -> r.propagation().forEach(p -> ids.add(p.traceId())));
    return ids;
  }

  private static Instant instant(long nanos) {
    return Instant.ofEpochSecond(Math.floorDiv(nanos, NANOS), Math.floorMod(nanos, NANOS));
  }

  /** Hits and misses by kind; misses keep a sentence each. */
  public static final class CorpusReport {
    private final Map<Cause, Integer> causes = new EnumMap<>(Cause.class);
    private final List<String> misses = new ArrayList<>();
    private int joinHits;
    private int verdictHits;
    private int skewHits;
    private int healthDecided;
    private long healthCounted;

    void count(Cause cause) {
      causes.merge(cause, 1, Integer::sum);
    }

    void joinHit() {
      joinHits++;
    }

    void joinMiss(CorpusCase c, String what) {
      misses.add("join " + describe(c) + ": " + what);
    }

    void verdictHit() {
      verdictHits++;
    }

    void verdictMiss(CorpusCase c, String what) {
      misses.add("verdict " + describe(c) + ": " + what);
    }

    void skew(CorpusCase c, ClockCorrection correction, long truth) {
      if (Math.abs(correction.offsetNanos() - truth) <= correction.uncertaintyNanos()
          && correction.basis() != ClockCorrection.Basis.INCONSISTENT_WINDOWS) {
        skewHits++;
      } else {
        misses.add("skew " + describe(c) + ": " + correction + " but the truth is " + truth);
      }
    }

    void skewMissing(CorpusCase c) {
      misses.add("skew " + describe(c) + ": no correction for " + c.service());
    }

    void health(int decided, long counted) {
      healthDecided = decided;
      healthCounted = counted;
      if (decided != counted) misses.add("health: " + decided + " verdicts stored but " + counted + " counted");
    }

    public List<String> misses() {
      return misses;
    }

    public int joins() {
      return joinHits;
    }

    public int verdicts() {
      return verdictHits;
    }

    public int skewChecks() {
      return skewHits;
    }

    public Map<Cause, Integer> causes() {
      return causes;
    }

    @Override
    public String toString() {
      return "corpus: " + causes + "; joins right " + joinHits + ", verdicts right " + verdictHits
          + ", offsets within bounds " + skewHits + ", health counted " + healthCounted + " of " + healthDecided
          + ", misses " + misses.size();
    }

    private static String describe(CorpusCase c) {
      return "#" + c.index() + " " + c.cause() + " " + c.plan() + " " + c.arrival() + " " + c.duplicate();
    }
  }
}
