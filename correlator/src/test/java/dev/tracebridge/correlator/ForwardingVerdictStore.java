package dev.tracebridge.correlator;

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
import java.util.concurrent.CompletionStage;

/** Passes every call to another store; tests override the calls they want to fail or freeze. */
public class ForwardingVerdictStore implements VerdictStore {
  private final VerdictStore delegate;

  public ForwardingVerdictStore(VerdictStore delegate) {
    this.delegate = delegate;
  }

  @Override public CompletionStage<Void> schedule(List<PendingCheck> checks) { return delegate.schedule(checks); }
  @Override public CompletionStage<List<PendingCheck>> pendingChecks(long bucket) { return delegate.pendingChecks(bucket); }
  @Override public CompletionStage<OptionalLong> checkedThrough() { return delegate.checkedThrough(); }
  @Override public CompletionStage<Void> markCheckedThrough(long bucket) { return delegate.markCheckedThrough(bucket); }
  @Override public CompletionStage<Void> indexRootSpans(List<RootServerSpan> spans) { return delegate.indexRootSpans(spans); }

  @Override
  public CompletionStage<List<RootServerSpan>> rootSpans(String method, String pathPattern, long fromNanos,
      long toNanos, int limit) {
    return delegate.rootSpans(method, pathPattern, fromNanos, toNanos, limit);
  }

  @Override public CompletionStage<Verdict> decide(Verdict verdict) { return delegate.decide(verdict); }
  @Override public CompletionStage<List<Verdict>> verdicts(TraceKey key) { return delegate.verdicts(key); }
  @Override public CompletionStage<HealthReport> health(String appId, long fromNanos, long toNanos) { return delegate.health(appId, fromNanos, toNanos); }
  @Override public CompletionStage<HealthApps> apps(long fromNanos, long toNanos) { return delegate.apps(fromNanos, toNanos); }
  @Override public CompletionStage<Void> recordLinkedOrigin(String appId, String origin, long at) { return delegate.recordLinkedOrigin(appId, origin, at); }
  @Override public CompletionStage<OptionalLong> lastLinkedOrigin(String appId, String origin) { return delegate.lastLinkedOrigin(appId, origin); }
  @Override public CompletionStage<Void> recordClockSamples(List<ClockSample> samples) { return delegate.recordClockSamples(samples); }
  @Override public CompletionStage<List<ClockSample>> clockSamples(String appId, String sessionId) { return delegate.clockSamples(appId, sessionId); }
  @Override public void close() { delegate.close(); }
}
