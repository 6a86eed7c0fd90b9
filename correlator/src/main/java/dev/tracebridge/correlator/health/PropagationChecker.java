package dev.tracebridge.correlator.health;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.health.ClockSample;
import dev.tracebridge.core.health.PendingCheck;
import dev.tracebridge.core.health.PropagationVerdict;
import dev.tracebridge.core.health.RootServerSpan;
import dev.tracebridge.core.search.UrlPattern;
import dev.tracebridge.core.health.Verdict;
import dev.tracebridge.core.health.VerdictStore;
import dev.tracebridge.core.join.LinkMatch;
import dev.tracebridge.core.join.TraceLink;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.model.TraceKey;
import dev.tracebridge.core.rum.HeaderFormat;
import dev.tracebridge.core.rum.PropagatedContext;
import dev.tracebridge.core.rum.RumResource;
import dev.tracebridge.core.storage.TraceRecords;
import dev.tracebridge.core.storage.TraceStore;
import dev.tracebridge.correlator.BrowserRequests;
import dev.tracebridge.correlator.TraceJoiner;
import dev.tracebridge.correlator.WaitingThreadExecutor;
import dev.tracebridge.correlator.WorkPace;
import dev.tracebridge.correlator.adjust.TraceDraft;
import dev.tracebridge.correlator.skew.ClockSamples;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Decides the propagation verdicts whose grace period has passed. Any engine node may run it, as often
 * as it likes, at the same time as others: it keeps nothing in memory between runs. Each run reads the
 * checker's progress from the store, decides the arrival minutes that are due after it (at most
 * {@link PropagationCheckSettings#maxBucketsPerRun}), and moves the progress on after each minute.
 * A verdict is stored with "first decision wins", so two nodes deciding the same minute, or a node that
 * crashed halfway and decides it again, leave the verdicts as they were.
 *
 * <p>Blocking: {@link #runOnce} waits for the store and does the deciding on the calling thread, which
 * should be a scheduler thread of its own (run it every {@link PropagationCheckSettings#RECOMMENDED_PERIOD}).
 * The traces it reads are decoded on that thread too, not on the store's I/O threads, which every reader's
 * answers pass through: a minute's traces can be many and large. A store failure ends the run with the
 * exception; decided minutes stay decided.
 */
public final class PropagationChecker {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final TraceStore traces;
  private final VerdictStore verdicts;
  private final PropagationCheckSettings settings;
  private final TraceJoiner joiner = new TraceJoiner();

  public PropagationChecker(TraceStore traces, VerdictStore verdicts, PropagationCheckSettings settings) {
    this.traces = requireNonNull(traces, "traces");
    this.verdicts = requireNonNull(verdicts, "verdicts");
    this.settings = requireNonNull(settings, "settings");
  }

  public CheckRun runOnce(Instant now) {
    requireNonNull(now, "now");
    long nowNanos = now.getEpochSecond() * NANOS_PER_SECOND + now.getNano();
    long lastDue = PendingCheck.bucketOf(nowNanos - settings.grace().toNanos()) - 1;
    OptionalLong progress = verdicts.checkedThrough().toCompletableFuture().join();
    long first = progress.isPresent() ? progress.getAsLong() + 1
        : PendingCheck.bucketOf(nowNanos - settings.firstRunLookback().toNanos());
    long last = Math.min(lastDue, first + settings.maxBucketsPerRun() - 1);
    Map<PropagationVerdict, Integer> decided = new EnumMap<>(PropagationVerdict.class);
    int missing = 0;
    int checked = 0;
    WaitingThreadExecutor here = new WaitingThreadExecutor();
    try {
      for (long bucket = first; bucket <= last; bucket++) {
        List<PendingCheck> checks = verdicts.pendingChecks(bucket).toCompletableFuture().join();
        missing += decideAll(checks, nowNanos, decided, here, pace(checks.size(), bucket == lastDue));
        verdicts.markCheckedThrough(bucket).toCompletableFuture().join();
        checked++;
      }
    } finally {
      here.finish();
    }
    long lastChecked = checked > 0 ? last : progress.orElse(first - 1);
    return new CheckRun(checked, lastChecked, decided, missing, Math.max(0, lastDue - lastChecked));
  }

  /**
   * The pace of one minute's checks: only the newest due minute is paced, and only when it holds more than one
   * chunk (there is no burst to spread otherwise); a backlog is caught up as fast as the store answers. Each
   * check is read once and stored once, so a minute is twice its checks in units (the fallback look-ups of the
   * few without a linked span go uncounted, at the same pace).
   */
  private WorkPace pace(int checks, boolean newestDue) {
    if (!newestDue || checks <= settings.maxChecksInFlight()) return WorkPace.NONE;
    return WorkPace.over(2L * checks, settings.spread());
  }

  /** Waits for the pace; an interrupt (the engine stopping) ends the pacing and the run goes on unpaced. */
  private static void awaitTurn(WorkPace pace, long unitsDone) {
    try {
      pace.awaitTurn(unitsDone);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Decides one bucket's checks; answers how many had no stored resource. */
  private int decideAll(List<PendingCheck> checks, long nowNanos, Map<PropagationVerdict, Integer> decided,
      WaitingThreadExecutor here, WorkPace pace) {
    List<Subject> subjects = new ArrayList<>(checks.size());
    for (PendingCheck check : checks) subjects.add(new Subject(check));
    long done = 0;
    for (List<Subject> chunk : chunks(subjects)) {
      awaitTurn(pace, done);
      examine(chunk, here);
      done += chunk.size();
    }
    List<Subject> undecided = new ArrayList<>();
    for (Subject s : subjects) {
      if (s.resource != null && s.decision == null) undecided.add(s);
    }
    for (List<Subject> chunk : chunks(undecided)) {
      awaitTurn(pace, done);
      lookForRootSpans(chunk, here);
    }
    // Verdicts that show a backend is instrumented are stored before the origin rule asks for that evidence,
    // so a request in the same minute as the first linked one to its backend is judged with it.
    List<Subject> decidedNow = new ArrayList<>();
    List<Subject> byOrigin = new ArrayList<>();
    for (Subject s : subjects) {
      if (s.resource == null) continue;
      (s.decision != null ? decidedNow : byOrigin).add(s);
    }
    for (List<Subject> chunk : chunks(decidedNow)) {
      awaitTurn(pace, done);
      store(chunk, nowNanos, decided, here);
      done += chunk.size();
    }
    for (List<Subject> chunk : chunks(byOrigin)) {
      awaitTurn(pace, done);
      askOrigins(chunk, nowNanos, here);
      store(chunk, nowNanos, decided, here);
      done += chunk.size();
    }
    int missing = 0;
    for (Subject s : subjects) {
      if (s.resource == null) missing++;
    }
    return missing;
  }

  /** Reads the resource's trace partitions, decoded on {@code here}, and applies the rules that need only them. */
  private void examine(List<Subject> chunk, WaitingThreadExecutor here) {
    Map<TraceKey, CompletableFuture<TraceRecords>> reads = new HashMap<>();
    for (Subject s : chunk) read(reads, s.check.traceKey(), here);
    await(reads.values(), here);
    for (Subject s : chunk) {
      s.resource = find(reads.get(s.check.traceKey()).join(), s.check.eventId());
      if (s.resource == null) continue;
      for (PropagatedContext c : s.resource.propagation()) read(reads, c.traceId().key(), here);
    }
    await(reads.values(), here);
    for (Subject s : chunk) {
      RumResource resource = s.resource;
      if (resource == null) continue;
      Set<TraceId> ids = new LinkedHashSet<>();
      Set<TraceId> requestIds = new LinkedHashSet<>();
      for (PropagatedContext c : resource.propagation()) {
        ids.add(c.traceId());
        if (c.format() != HeaderFormat.RESPONSE) requestIds.add(c.traceId());
      }
      boolean traceHasSpans = false;
      for (TraceId id : ids) {
        TraceDraft draft = joiner.links(id, reads.get(id.key()).join());
        for (TraceLink link : draft.linksOf(resource.eventId())) {
          Span child = draft.span(link.childSpanId());
          if (child != null && s.spans.putIfAbsent(link.childSpanId(), child) == null) s.links.add(link);
        }
        if (requestIds.contains(id) && !draft.spans().isEmpty()) traceHasSpans = true;
      }
      s.decision = VerdictRules.byIds(resource, s.links, s.spans, traceHasSpans);
    }
  }

  private void lookForRootSpans(List<Subject> chunk, WaitingThreadExecutor here) {
    List<CompletableFuture<List<RootServerSpan>>> reads = new ArrayList<>(chunk.size());
    long window = settings.fallbackWindow().toNanos();
    for (Subject s : chunk) {
      RumResource r = requireNonNull(s.resource);
      reads.add(verdicts.rootSpans(r.method().toUpperCase(Locale.ROOT), UrlPattern.foldPath(UrlPattern.path(r.url())),
          r.epochNanos() - window, r.epochNanos() + r.durationNanos() + window, settings.maxCandidates())
          .toCompletableFuture());
    }
    await(reads, here);
    for (int i = 0; i < chunk.size(); i++) {
      Subject s = chunk.get(i);
      s.decision = VerdictRules.byCandidates(requireNonNull(s.resource), reads.get(i).join(),
          settings.fallbackWindow());
    }
  }

  private void askOrigins(List<Subject> chunk, long nowNanos, WaitingThreadExecutor here) {
    List<CompletableFuture<OptionalLong>> reads = new ArrayList<>(chunk.size());
    for (Subject s : chunk) {
      RumResource r = requireNonNull(s.resource);
      reads.add(verdicts.lastLinkedOrigin(r.context().appId(), UrlPattern.origin(r.url())).toCompletableFuture());
    }
    await(reads, here);
    for (int i = 0; i < chunk.size(); i++) {
      Subject s = chunk.get(i);
      s.decision = VerdictRules.byOrigin(requireNonNull(s.resource), reads.get(i).join(), nowNanos,
          settings.originEvidenceWindow());
    }
  }

  /** Stores the verdicts (first decision wins) and what linked requests teach: origins and clock offsets. */
  private void store(List<Subject> chunk, long nowNanos, Map<PropagationVerdict, Integer> decided,
      WaitingThreadExecutor here) {
    List<CompletableFuture<Verdict>> stored = new ArrayList<>(chunk.size());
    List<CompletableFuture<Void>> evidence = new ArrayList<>();
    // Every linked request of an origin in this chunk records the same time: one write per app and origin.
    Set<List<String>> linkedOrigins = new HashSet<>();
    for (Subject s : chunk) {
      RumResource r = requireNonNull(s.resource);
      Decision d = requireNonNull(s.decision);
      PropagatedContext primary = requireNonNull(BrowserRequests.primaryRequestContext(r));
      stored.add(verdicts.decide(new Verdict(s.check.traceKey(), r.eventId(), r.context().appId(),
          BrowserRequests.sessionId(r), d.verdict(), d.reason(), BrowserRequests.headerFormats(r),
          UrlPattern.of(r.url()), primary.traceId(), r.epochNanos(), nowNanos, d.fallback())).toCompletableFuture());
      if (s.links.isEmpty()) continue;
      // The engine's clock, not the browser's: one browser with its clock a year ahead must not make an
      // origin look recently linked for a year.
      String origin = UrlPattern.origin(r.url());
      if (linkedOrigins.add(List.of(r.context().appId(), origin))) {
        evidence.add(verdicts.recordLinkedOrigin(r.context().appId(), origin, nowNanos).toCompletableFuture());
      }
      if (BrowserRequests.sessionId(r).isEmpty()) continue;
      List<ClockSample> samples = new ArrayList<>();
      for (TraceLink link : s.links) {
        Span server = s.spans.get(link.childSpanId());
        if (server != null && link.match() != LinkMatch.FALLBACK) samples.add(ClockSamples.of(r, server));
      }
      if (!samples.isEmpty()) evidence.add(verdicts.recordClockSamples(samples).toCompletableFuture());
    }
    await(stored, here);
    await(evidence, here);
    for (CompletableFuture<Verdict> v : stored) decided.merge(v.join().verdict(), 1, Integer::sum);
  }

  private void read(Map<TraceKey, CompletableFuture<TraceRecords>> reads, TraceKey key, WaitingThreadExecutor here) {
    reads.computeIfAbsent(key, k -> traces.readTrace(k, here).toCompletableFuture());
  }

  private List<List<Subject>> chunks(List<Subject> subjects) {
    List<List<Subject>> out = new ArrayList<>();
    for (int i = 0; i < subjects.size(); i += settings.maxChecksInFlight()) {
      out.add(subjects.subList(i, Math.min(subjects.size(), i + settings.maxChecksInFlight())));
    }
    return out;
  }

  private static @Nullable RumResource find(TraceRecords records, String eventId) {
    for (RumResource r : records.resources()) {
      if (r.eventId().equals(eventId)) return r;
    }
    return null;
  }

  /** Waits for every future, running what they queued on {@code here} (decoding) in the meantime. */
  private static void await(Collection<? extends CompletableFuture<?>> futures, WaitingThreadExecutor here) {
    here.await(CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)));
  }

  /** One check on its way through the stages. */
  private static final class Subject {
    final PendingCheck check;
    @Nullable RumResource resource;
    final List<TraceLink> links = new ArrayList<>();
    final Map<SpanId, Span> spans = new LinkedHashMap<>();
    @Nullable Decision decision;

    Subject(PendingCheck check) {
      this.check = check;
    }
  }
}
