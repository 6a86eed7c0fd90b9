package dev.tracebridge.bench.correlator;

import dev.tracebridge.core.health.ClockSample;
import dev.tracebridge.core.health.HealthApps;
import dev.tracebridge.core.health.HealthReport;
import dev.tracebridge.core.health.PendingCheck;
import dev.tracebridge.core.health.RootServerSpan;
import dev.tracebridge.core.health.Verdict;
import dev.tracebridge.core.health.VerdictStore;
import dev.tracebridge.core.model.TraceKey;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Acknowledges every write at once and holds nothing; reads are empty. */
final class DiscardingVerdictStore implements VerdictStore {
  private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

  @Override public CompletionStage<Void> schedule(List<PendingCheck> checks) { return DONE; }
  @Override public CompletionStage<List<PendingCheck>> pendingChecks(long bucket) { return CompletableFuture.completedFuture(List.of()); }
  @Override public CompletionStage<OptionalLong> checkedThrough() { return CompletableFuture.completedFuture(OptionalLong.empty()); }
  @Override public CompletionStage<Void> markCheckedThrough(long bucket) { return DONE; }
  @Override public CompletionStage<Void> indexRootSpans(List<RootServerSpan> spans) { return DONE; }

  @Override
  public CompletionStage<List<RootServerSpan>> rootSpans(String method, String pathPattern, long fromNanos,
      long toNanos, int limit) {
    return CompletableFuture.completedFuture(List.of());
  }

  @Override public CompletionStage<Verdict> decide(Verdict verdict) { return CompletableFuture.completedFuture(verdict); }
  @Override public CompletionStage<List<Verdict>> verdicts(TraceKey key) { return CompletableFuture.completedFuture(List.of()); }
  @Override public CompletionStage<HealthReport> health(String appId, long fromNanos, long toNanos) { return CompletableFuture.completedFuture(new HealthReport(List.of(), false)); }
  @Override public CompletionStage<HealthApps> apps(long fromNanos, long toNanos) { return CompletableFuture.completedFuture(new HealthApps(List.of(), false)); }
  @Override public CompletionStage<Void> recordLinkedOrigin(String appId, String origin, long at) { return DONE; }
  @Override public CompletionStage<OptionalLong> lastLinkedOrigin(String appId, String origin) { return CompletableFuture.completedFuture(OptionalLong.empty()); }
  @Override public CompletionStage<Void> recordClockSamples(List<ClockSample> samples) { return DONE; }
  @Override public CompletionStage<List<ClockSample>> clockSamples(String appId, String sessionId) { return CompletableFuture.completedFuture(List.of()); }
  @Override public void close() {}
}
