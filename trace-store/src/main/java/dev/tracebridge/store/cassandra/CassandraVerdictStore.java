package dev.tracebridge.store.cassandra;

import static java.util.Objects.requireNonNull;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.Statement;
import dev.tracebridge.core.health.ClockSample;
import dev.tracebridge.core.health.HealthApps;
import dev.tracebridge.core.health.HealthReport;
import dev.tracebridge.core.health.HealthTally;
import dev.tracebridge.core.health.PendingCheck;
import dev.tracebridge.core.health.PropagationVerdict;
import dev.tracebridge.core.health.RootServerSpan;
import dev.tracebridge.core.health.Verdict;
import dev.tracebridge.core.health.VerdictStore;
import dev.tracebridge.core.ingest.IngestRefusedException;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.model.TraceKey;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The {@link VerdictStore} on Cassandra (schema/v2.cql; the apps per hour since v5.cql). It shares the
 * {@link CassandraTraceStore}'s session, which owns the connection: closing this store closes nothing.
 * Writes are bounded by a semaphore of their own, refused at once as OVERLOADED when it is exhausted; every driver failure of a
 * write becomes STORAGE_UNAVAILABLE, as in the trace store. Stages complete on the driver's I/O threads.
 *
 * <p>Read failures complete the stage with the driver's exception; a row that cannot be read is skipped
 * and logged, never failing the whole read.
 */
public final class CassandraVerdictStore implements VerdictStore {
  /** A moment is enough for in-flight writes to drain. */
  static final Duration OVERLOADED_RETRY_AFTER = CassandraTraceStore.OVERLOADED_RETRY_AFTER;
  static final Duration UNAVAILABLE_RETRY_AFTER = CassandraTraceStore.UNAVAILABLE_RETRY_AFTER;
  /**
   * The health report reads at most this many verdict rows: a day of a busy app's hours is read in full,
   * a month is cut short and marked partial rather than holding a query open for minutes.
   */
  static final int MAX_HEALTH_ROWS = 200_000;
  /** The widest root-span lookup, in ten-minute buckets (a day): a longer range is a caller's mistake. */
  static final int MAX_ROOT_SPAN_BUCKETS = 144;

  private static final System.Logger LOG = System.getLogger(CassandraVerdictStore.class.getName());

  private final CqlSession session;
  private final long maxReportHours;
  private final int maxInFlightWrites;
  private final Semaphore inFlight;
  private final String checkerName;
  private final InsertPendingCheck.Factory insertPendingCheck;
  private final SelectPendingChecks.Factory selectPendingChecks;
  private final InsertVerdictIfAbsent.Factory insertVerdict;
  private final InsertVerdictMirror.Factory insertMirror;
  private final SelectVerdicts.Factory selectVerdicts;
  private final InsertVerdictByApp.Factory insertByApp;
  private final SelectVerdictsByApp.Factory selectByApp;
  private final VerdictAppCatalog apps;
  private final InsertRootSpan.Factory insertRootSpan;
  private final SelectRootSpans.Factory selectRootSpans;
  private final InsertLinkedOrigin.Factory insertLinkedOrigin;
  private final SelectLinkedOrigin.Factory selectLinkedOrigin;
  private final InsertClockSample.Factory insertClockSample;
  private final SelectClockSamples.Factory selectClockSamples;
  private final UpdateCheckerProgress.Factory updateProgress;
  private final SelectCheckerProgress.Factory selectProgress;

  CassandraVerdictStore(CqlSession session, CassandraStoreConfig config, String checkerName) {
    this.session = session;
    this.maxReportHours = config.retention().toHours() + 1;
    this.maxInFlightWrites = config.maxInFlightWrites();
    this.inFlight = new Semaphore(maxInFlightWrites);
    this.checkerName = checkerName;
    String keyspace = config.keyspace();
    int ttl = Math.toIntExact(config.retention().toSeconds());
    this.insertPendingCheck = new InsertPendingCheck.Factory(session, keyspace, ttl);
    this.selectPendingChecks = new SelectPendingChecks.Factory(session, keyspace);
    this.insertVerdict = new InsertVerdictIfAbsent.Factory(session, keyspace, ttl);
    this.insertMirror = new InsertVerdictMirror.Factory(session, keyspace, ttl);
    this.selectVerdicts = new SelectVerdicts.Factory(session, keyspace);
    this.insertByApp = new InsertVerdictByApp.Factory(session, keyspace, ttl);
    this.selectByApp = new SelectVerdictsByApp.Factory(session, keyspace);
    this.apps = new VerdictAppCatalog(session, keyspace, config.retention());
    this.insertRootSpan = new InsertRootSpan.Factory(session, keyspace, ttl);
    this.selectRootSpans = new SelectRootSpans.Factory(session, keyspace);
    this.insertLinkedOrigin = new InsertLinkedOrigin.Factory(session, keyspace, ttl);
    this.selectLinkedOrigin = new SelectLinkedOrigin.Factory(session, keyspace);
    this.insertClockSample = new InsertClockSample.Factory(session, keyspace, ttl);
    this.selectClockSamples = new SelectClockSamples.Factory(session, keyspace);
    this.updateProgress = new UpdateCheckerProgress.Factory(session, keyspace);
    this.selectProgress = new SelectCheckerProgress.Factory(session, keyspace);
  }

  /** The verdict store in the keyspace of {@code traces}, on its session (schema v2 is applied by it). */
  public static CassandraVerdictStore of(CassandraTraceStore traces) {
    requireNonNull(traces, "traces");
    return new CassandraVerdictStore(traces.session(), traces.config(), Schema.PROPAGATION_CHECKER);
  }

  @Override
  public CompletionStage<Void> schedule(List<PendingCheck> checks) {
    requireNonNull(checks, "checks");
    if (checks.isEmpty()) return CompletableFuture.completedFuture(null);
    // A RUM batch's checks share an arrival minute and take the shard of its first resource, so the batch
    // is one unlogged single-partition batch (REFERENCE.md §7: every extra request costs Cassandra ~20 µs);
    // batches spread over the shards. Only writes use the shard: the checker reads every shard of a minute.
    byte shard = InsertPendingCheck.shard(checks.get(0).eventId());
    Map<Long, List<BoundStatement>> byPartition = new LinkedHashMap<>();
    for (PendingCheck check : checks) {
      byPartition.computeIfAbsent(check.bucket(), k -> new ArrayList<>()).add(insertPendingCheck.check(check, shard));
    }
    List<Statement<?>> statements = batchesOf(byPartition);
    return write(statements);
  }

  @Override
  public CompletionStage<List<PendingCheck>> pendingChecks(long bucket) {
    List<PendingCheck> checks = new ArrayList<>();
    List<CompletableFuture<Void>> reads = new ArrayList<>(Schema.CHECK_SHARDS);
    for (int shard = 0; shard < Schema.CHECK_SHARDS; shard++) {
      reads.add(readAll(selectPendingChecks.shard(bucket, shard), row -> {
        PendingCheck check = SelectPendingChecks.read(row);
        synchronized (checks) {
          checks.add(check);
        }
      }).toCompletableFuture());
    }
    return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(done -> {
      synchronized (checks) {
        return List.copyOf(checks);
      }
    });
  }

  @Override
  public CompletionStage<OptionalLong> checkedThrough() {
    AtomicReference<OptionalLong> progress = new AtomicReference<>(OptionalLong.empty());
    return readAll(selectProgress.progress(checkerName), row -> progress.set(OptionalLong.of(row.getLong(0))))
        .thenApply(done -> progress.get());
  }

  @Override
  public CompletionStage<Void> markCheckedThrough(long bucket) {
    return write(List.of(updateProgress.progress(checkerName, bucket)));
  }

  @Override
  public CompletionStage<Void> indexRootSpans(List<RootServerSpan> spans) {
    requireNonNull(spans, "spans");
    // An export's root spans of one endpoint and ten minutes share a partition: one batch for them all.
    Map<List<Object>, List<BoundStatement>> byPartition = new LinkedHashMap<>();
    for (RootServerSpan span : spans) {
      byPartition.computeIfAbsent(List.of(span.method(), span.pathPattern(),
          InsertRootSpan.bucket(span.startEpochNanos())), k -> new ArrayList<>()).add(insertRootSpan.span(span));
    }
    return write(batchesOf(byPartition));
  }

  @Override
  public CompletionStage<List<RootServerSpan>> rootSpans(
      String method, String pathPattern, long fromNanos, long toNanos, int limit) {
    requireNonNull(method, "method");
    requireNonNull(pathPattern, "pathPattern");
    if (fromNanos > toNanos || limit < 1) return CompletableFuture.completedFuture(List.of());
    long first = InsertRootSpan.bucket(fromNanos);
    long last = Math.min(InsertRootSpan.bucket(toNanos), first + MAX_ROOT_SPAN_BUCKETS - 1);
    List<RootServerSpan> found = new ArrayList<>();
    List<CompletableFuture<Void>> reads = new ArrayList<>();
    for (long bucket = first; bucket <= last; bucket++) {
      reads.add(readAll(selectRootSpans.bucket(method, pathPattern, bucket, fromNanos, toNanos, limit), row -> {
        RootServerSpan span = SelectRootSpans.read(method, pathPattern, row);
        synchronized (found) {
          found.add(span);
        }
      }).toCompletableFuture());
    }
    return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(done -> {
      synchronized (found) {
        found.sort(Comparator.comparingLong(RootServerSpan::startEpochNanos)
            .thenComparing(s -> s.traceId().toHex()).thenComparing(s -> s.spanId().toHex()));
        return List.copyOf(found.subList(0, Math.min(limit, found.size())));
      }
    });
  }

  @Override
  public CompletionStage<Verdict> decide(Verdict verdict) {
    requireNonNull(verdict, "verdict");
    if (!inFlight.tryAcquire()) return CompletableFuture.failedFuture(overloaded());
    CompletableFuture<Verdict> standing = new CompletableFuture<>();
    session.executeAsync(insertVerdict.verdict(verdict)).whenComplete((result, failure) -> {
      inFlight.release();
      if (failure != null) {
        standing.completeExceptionally(StatementRequests.unavailable(failure));
        return;
      }
      try {
        standing.complete(result.wasApplied() ? verdict : VerdictColumns.read(result.one()));
      } catch (RuntimeException e) {
        standing.completeExceptionally(StatementRequests.unavailable(e));
      }
    });
    // What the verdict is found by, written with the verdict that stands: a second decision of the same
    // resource, or a retry after a crash between the two steps, writes the same rows again. The app's row
    // of the hour only when this node has not written it lately (VerdictAppCatalog).
    return standing.thenCompose(v -> {
      List<Statement<?>> rows = new ArrayList<>(3);
      rows.add(insertByApp.verdict(v));
      if (v.fallback() != null) rows.add(insertMirror.mirror(v.fallback().traceId().key(), v));
      VerdictAppCatalog.AppRow appRow = apps.unwritten(v);
      if (appRow != null) rows.add(appRow.statement());
      return write(rows).thenApply(done -> {
        if (appRow != null) apps.written(appRow);
        return v;
      });
    });
  }

  @Override
  public CompletionStage<List<Verdict>> verdicts(TraceKey key) {
    requireNonNull(key, "key");
    List<Verdict> found = new ArrayList<>();
    return readAll(selectVerdicts.trace(key), row -> {
      try {
        found.add(VerdictColumns.read(row));
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "Skipped an unreadable verdict of trace " + key + ": " + e);
      }
    }).thenApply(done -> List.copyOf(found));
  }

  @Override
  public CompletionStage<HealthReport> health(String appId, long fromNanos, long toNanos) {
    requireNonNull(appId, "appId");
    if (fromNanos > toNanos) return CompletableFuture.completedFuture(new HealthReport(List.of(), false));
    long lastHour = Math.floorDiv(toNanos, Verdict.REPORT_BUCKET_NANOS);
    // No report reaches back further than the retention from its last hour: older rows have expired,
    // and an open-ended range must not become billions of empty partitions read one by one.
    long firstHour = Math.max(Math.floorDiv(fromNanos, Verdict.REPORT_BUCKET_NANOS), lastHour - maxReportHours + 1);
    HealthTally tally = new HealthTally();
    AtomicLong rows = new AtomicLong();
    AtomicBoolean partial = new AtomicBoolean();
    // Newest hour first, one after the other, so the budget keeps the most recent hours whole.
    CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
    for (long hour = lastHour; hour >= firstHour; hour--) {
      long h = hour;
      chain = chain.thenCompose(done -> {
        if (partial.get()) return CompletableFuture.completedFuture(null);
        return readUntil(selectByApp.hour(appId, h), row -> {
          if (rows.incrementAndGet() > MAX_HEALTH_ROWS) {
            partial.set(true);
            return false;
          }
          long start = row.getLong(4);
          ByteBuffer traceId = row.getByteBuffer(3);
          if (start < fromNanos || start > toNanos || traceId == null) return true;
          try {
            tally.add(appId, h, String.valueOf(row.getString(0)), String.valueOf(row.getString(1)),
                PropagationVerdict.fromWireName(String.valueOf(row.getString(2))),
                TraceId.fromBytes(VerdictColumns.bytes(traceId)));
          } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Skipped an unreadable verdict row of " + appId + ": " + e);
          }
          return true;
        }).toCompletableFuture();
      });
    }
    return chain.thenApply(done -> tally.report(partial.get()));
  }

  @Override
  public CompletionStage<HealthApps> apps(long fromNanos, long toNanos) {
    return apps.apps(fromNanos, toNanos);
  }

  @Override
  public CompletionStage<Void> recordLinkedOrigin(String appId, String origin, long linkedAtNanos) {
    return write(List.of(insertLinkedOrigin.linked(appId, origin, linkedAtNanos)));
  }

  @Override
  public CompletionStage<OptionalLong> lastLinkedOrigin(String appId, String origin) {
    AtomicReference<OptionalLong> last = new AtomicReference<>(OptionalLong.empty());
    return readAll(selectLinkedOrigin.origin(appId, origin), row -> last.set(OptionalLong.of(row.getLong(0))))
        .thenApply(done -> last.get());
  }

  @Override
  public CompletionStage<Void> recordClockSamples(List<ClockSample> samples) {
    requireNonNull(samples, "samples");
    List<Statement<?>> statements = new ArrayList<>(samples.size());
    for (ClockSample sample : samples) statements.add(insertClockSample.sample(sample));
    return write(statements);
  }

  @Override
  public CompletionStage<List<ClockSample>> clockSamples(String appId, String sessionId) {
    List<ClockSample> found = new ArrayList<>();
    return readAll(selectClockSamples.session(appId, sessionId), row -> found.add(new ClockSample(appId, sessionId,
        String.valueOf(row.getString(0)), String.valueOf(row.getString(1)), row.getLong(2), row.getLong(3))))
        .thenApply(done -> List.copyOf(found));
  }

  /** Nothing to close: the session belongs to the trace store. */
  @Override
  public void close() {}

  /**
   * One request per partition: a single row alone, several rows as an unlogged single-partition batch
   * (applied by Cassandra as one mutation).
   */
  private static List<Statement<?>> batchesOf(Map<?, List<BoundStatement>> byPartition) {
    List<Statement<?>> statements = new ArrayList<>(byPartition.size());
    for (List<BoundStatement> rows : byPartition.values()) {
      statements.add(rows.size() == 1 ? rows.get(0)
          : BatchStatement.newInstance(DefaultBatchType.UNLOGGED, rows.toArray(BoundStatement[]::new))
              .setIdempotent(true));
    }
    return statements;
  }

  /**
   * Sends the statements of one write request holding one in-flight permit for all of them (the bound
   * counts requests, like the trace store's), and completes once all are acknowledged, or with the first
   * failure as a refusal.
   */
  private CompletionStage<Void> write(List<Statement<?>> statements) {
    if (statements.isEmpty()) return CompletableFuture.completedFuture(null);
    int permits = 1;
    if (!inFlight.tryAcquire(permits)) return CompletableFuture.failedFuture(overloaded());
    return StatementRequests.sendAll(session, statements, () -> inFlight.release(permits));
  }

  private IngestRefusedException overloaded() {
    return new IngestRefusedException(IngestRefusedException.Reason.OVERLOADED, OVERLOADED_RETRY_AFTER,
        "Cassandra verdict store is at its limit of " + maxInFlightWrites + " writes in flight");
  }

  private CompletionStage<Void> readAll(Statement<?> statement, Consumer<Row> consumer) {
    return readUntil(statement, row -> {
      consumer.accept(row);
      return true;
    });
  }

  /** Reads page by page while {@code consumer} answers true. */
  private CompletionStage<Void> readUntil(Statement<?> statement, Predicate<Row> consumer) {
    return StatementRequests.readUntil(session, statement, consumer);
  }
}
