package dev.tracebridge.core.health;

import dev.tracebridge.core.model.TraceKey;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;

/**
 * The storage SPI of propagation health: pending checks, the index of parentless backend server spans
 * that fallback joins and header_stripped verdicts look in, the verdicts themselves with their hourly
 * aggregation and the apps that have any, the evidence that a backend is instrumented, clock-offset
 * samples and the checker's progress. Kept apart from {@link dev.tracebridge.core.storage.TraceStore} so
 * that the trace store's contract stays about traces.
 *
 * <p>Same rules as the trace store: stages complete when the write is durable, writes are idempotent,
 * in-flight work is bounded (failing fast with
 * {@link dev.tracebridge.core.ingest.IngestRefusedException}), and reads of unknown keys are empty.
 * Nothing is held in an engine's memory: any node can run the checker, and a restarted node continues
 * where the store says.
 */
public interface VerdictStore extends AutoCloseable {

  /** Records resources to decide a grace period after their arrival bucket. */
  CompletionStage<Void> schedule(List<PendingCheck> checks);

  /** Every check that arrived in {@code bucket} ({@link PendingCheck#bucket}). */
  CompletionStage<List<PendingCheck>> pendingChecks(long bucket);

  /** The last bucket every check of which has been decided; empty before the first run. */
  CompletionStage<OptionalLong> checkedThrough();

  /** Moves the checker's progress to {@code bucket}; never moves it back, whichever node writes last. */
  CompletionStage<Void> markCheckedThrough(long bucket);

  /** Indexes parentless SERVER spans of HTTP requests by method, folded path and start. */
  CompletionStage<Void> indexRootSpans(List<RootServerSpan> spans);

  /**
   * Parentless SERVER spans of {@code method} and {@code pathPattern} that started within
   * [{@code fromNanos}, {@code toNanos}], at most {@code limit}, earliest first.
   */
  CompletionStage<List<RootServerSpan>> rootSpans(
      String method, String pathPattern, long fromNanos, long toNanos, int limit);

  /**
   * Stores {@code verdict} unless the resource already has one, and answers the verdict that stands: the
   * first decision wins, so two nodes (or a node before and after a restart) agree. Also stores what the
   * verdict is found by: its trace partition, the fallback target's partition, and the app's hourly
   * report. Calling it again with the standing verdict repairs any of those a crash left unwritten.
   */
  CompletionStage<Verdict> decide(Verdict verdict);

  /**
   * The verdicts of resources keyed on {@code key}, and those whose fallback link points into it.
   */
  CompletionStage<List<Verdict>> verdicts(TraceKey key);

  /**
   * Counts of decided verdicts of one app whose resources started within the range, per hour. A store may
   * cover less than an open-ended range: no more than its retention back from the range's end.
   */
  CompletionStage<HealthReport> health(String appId, long fromNanos, long toNanos);

  /**
   * The apps with at least one decided verdict in the report hours ({@link Verdict#reportBucket}) from the
   * hour of {@code fromNanos} through the hour of {@code toNanos}, sorted. Hours, not instants: the list
   * is kept per hour, so an app whose only requests fall in the first or last hour outside the range is
   * listed too. Bounded as {@link #health} is: no more than its retention back from the range's end.
   */
  CompletionStage<HealthApps> apps(long fromNanos, long toNanos);

  /** Records that a request of {@code appId} to {@code origin} was linked: the backend is instrumented. */
  CompletionStage<Void> recordLinkedOrigin(String appId, String origin, long linkedAtNanos);

  /** When a request of {@code appId} to {@code origin} was last linked; empty when never (in retention). */
  CompletionStage<OptionalLong> lastLinkedOrigin(String appId, String origin);

  /** Adds offset samples; a sample of the same resource and service replaces the earlier one. */
  CompletionStage<Void> recordClockSamples(List<ClockSample> samples);

  /** Every offset sample of a browser session, for every backend service it called. */
  CompletionStage<List<ClockSample>> clockSamples(String appId, String sessionId);

  @Override
  void close();
}
