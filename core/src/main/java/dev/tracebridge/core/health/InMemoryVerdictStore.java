package dev.tracebridge.core.health;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.model.TraceKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A {@link VerdictStore} in the JVM's heap, for unit tests, the ground-truth corpus and trying the engine
 * without Cassandra. Same semantics as the Cassandra store (first verdict wins, progress never moves
 * back, samples replaced per resource), neither durable nor bounded. One lock: it is never the engine's
 * store under load.
 */
public final class InMemoryVerdictStore implements VerdictStore {
  private final Object lock = new Object();
  private final Map<Long, Map<String, PendingCheck>> checks = new LinkedHashMap<>();
  private final Map<List<String>, NavigableMap<Long, List<RootServerSpan>>> rootSpans = new LinkedHashMap<>();
  private final Map<VerdictKey, Verdict> verdictsByEvent = new LinkedHashMap<>();
  private final Map<List<String>, Long> linkedOrigins = new LinkedHashMap<>();
  private final Map<List<String>, Map<List<String>, ClockSample>> samples = new LinkedHashMap<>();
  private long checkedThrough = Long.MIN_VALUE;

  @Override
  public CompletionStage<Void> schedule(List<PendingCheck> pending) {
    requireNonNull(pending, "pending");
    synchronized (lock) {
      for (PendingCheck check : pending) {
        checks.computeIfAbsent(check.bucket(), b -> new LinkedHashMap<>()).put(check.eventId(), check);
      }
    }
    return done();
  }

  @Override
  public CompletionStage<List<PendingCheck>> pendingChecks(long bucket) {
    synchronized (lock) {
      return CompletableFuture.completedFuture(List.copyOf(checks.getOrDefault(bucket, Map.of()).values()));
    }
  }

  @Override
  public CompletionStage<OptionalLong> checkedThrough() {
    synchronized (lock) {
      return CompletableFuture.completedFuture(
          checkedThrough == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(checkedThrough));
    }
  }

  @Override
  public CompletionStage<Void> markCheckedThrough(long bucket) {
    synchronized (lock) {
      checkedThrough = Math.max(checkedThrough, bucket);
    }
    return done();
  }

  @Override
  public CompletionStage<Void> indexRootSpans(List<RootServerSpan> spans) {
    requireNonNull(spans, "spans");
    synchronized (lock) {
      for (RootServerSpan span : spans) {
        List<RootServerSpan> at = rootSpans
            .computeIfAbsent(List.of(span.method(), span.pathPattern()), k -> new TreeMap<>())
            .computeIfAbsent(span.startEpochNanos(), k -> new ArrayList<>());
        at.removeIf(s -> s.traceId().equals(span.traceId()) && s.spanId().equals(span.spanId()));
        at.add(span);
      }
    }
    return done();
  }

  @Override
  public CompletionStage<List<RootServerSpan>> rootSpans(
      String method, String pathPattern, long fromNanos, long toNanos, int limit) {
    List<RootServerSpan> found = new ArrayList<>();
    synchronized (lock) {
      NavigableMap<Long, List<RootServerSpan>> byStart = rootSpans.get(List.of(method, pathPattern));
      if (byStart != null && fromNanos <= toNanos) {
        for (List<RootServerSpan> at : byStart.subMap(fromNanos, true, toNanos, true).values()) {
          for (RootServerSpan span : at) {
            if (found.size() < limit) found.add(span);
          }
        }
      }
    }
    return CompletableFuture.completedFuture(found);
  }

  @Override
  public CompletionStage<Verdict> decide(Verdict verdict) {
    requireNonNull(verdict, "verdict");
    synchronized (lock) {
      return CompletableFuture.completedFuture(verdictsByEvent.merge(
          new VerdictKey(verdict.traceKey(), verdict.eventId()), verdict, (old, fresh) -> old));
    }
  }

  @Override
  public CompletionStage<List<Verdict>> verdicts(TraceKey key) {
    requireNonNull(key, "key");
    List<Verdict> found = new ArrayList<>();
    synchronized (lock) {
      for (Verdict v : verdictsByEvent.values()) {
        boolean fallbackHere = v.fallback() != null && v.fallback().traceId().key().equals(key);
        if (v.traceKey().equals(key) || fallbackHere) found.add(v);
      }
    }
    found.sort(Comparator.comparing(Verdict::eventId));
    return CompletableFuture.completedFuture(found);
  }

  @Override
  public CompletionStage<HealthReport> health(String appId, long fromNanos, long toNanos) {
    requireNonNull(appId, "appId");
    HealthTally tally = new HealthTally();
    synchronized (lock) {
      for (Verdict v : verdictsByEvent.values()) {
        if (v.appId().equals(appId) && v.resourceEpochNanos() >= fromNanos && v.resourceEpochNanos() <= toNanos) {
          tally.add(v);
        }
      }
    }
    return CompletableFuture.completedFuture(tally.report(false));
  }

  @Override
  public CompletionStage<HealthApps> apps(long fromNanos, long toNanos) {
    if (fromNanos > toNanos) return CompletableFuture.completedFuture(new HealthApps(List.of(), false));
    long firstHour = Math.floorDiv(fromNanos, Verdict.REPORT_BUCKET_NANOS);
    long lastHour = Math.floorDiv(toNanos, Verdict.REPORT_BUCKET_NANOS);
    TreeSet<String> apps = new TreeSet<>();
    synchronized (lock) {
      for (Verdict v : verdictsByEvent.values()) {
        if (v.reportBucket() >= firstHour && v.reportBucket() <= lastHour) apps.add(v.appId());
      }
    }
    return CompletableFuture.completedFuture(new HealthApps(List.copyOf(apps), false));
  }

  @Override
  public CompletionStage<Void> recordLinkedOrigin(String appId, String origin, long linkedAtNanos) {
    synchronized (lock) {
      linkedOrigins.merge(List.of(appId, origin), linkedAtNanos, Math::max);
    }
    return done();
  }

  @Override
  public CompletionStage<OptionalLong> lastLinkedOrigin(String appId, String origin) {
    synchronized (lock) {
      Long at = linkedOrigins.get(List.of(appId, origin));
      return CompletableFuture.completedFuture(at == null ? OptionalLong.empty() : OptionalLong.of(at));
    }
  }

  @Override
  public CompletionStage<Void> recordClockSamples(List<ClockSample> added) {
    requireNonNull(added, "added");
    synchronized (lock) {
      for (ClockSample s : added) {
        samples.computeIfAbsent(List.of(s.appId(), s.sessionId()), k -> new LinkedHashMap<>())
            .put(List.of(s.service(), s.eventId()), s);
      }
    }
    return done();
  }

  @Override
  public CompletionStage<List<ClockSample>> clockSamples(String appId, String sessionId) {
    synchronized (lock) {
      return CompletableFuture.completedFuture(
          List.copyOf(samples.getOrDefault(List.of(appId, sessionId), Map.of()).values()));
    }
  }

  @Override
  public void close() {
    synchronized (lock) {
      checks.clear();
      rootSpans.clear();
      verdictsByEvent.clear();
      linkedOrigins.clear();
      samples.clear();
    }
  }

  /** A resource is keyed on its trace partition and event id, as in the Cassandra store. */
  private record VerdictKey(TraceKey traceKey, String eventId) {}

  private static CompletionStage<Void> done() {
    return CompletableFuture.completedFuture(null);
  }
}
