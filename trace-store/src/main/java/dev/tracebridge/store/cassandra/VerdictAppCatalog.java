package dev.tracebridge.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import dev.tracebridge.core.health.HealthApps;
import dev.tracebridge.core.health.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The verdict_apps rows (schema/v5.cql): which apps have decided verdicts, per report hour. A row is
 * written beside a verdict's report row, but only when this process has not written it within
 * {@link #REWRITE_AFTER} ({@link RecentAppHours}); a listing reads one small partition per hour, a few
 * at a time.
 */
final class VerdictAppCatalog {
  /**
   * How long a written row stands for the app's later verdicts of its hour: a busy app writes its hour's
   * row about six times an hour per engine node, and the row lives this much longer than the retention.
   */
  static final Duration REWRITE_AFTER = Duration.ofMinutes(10);
  /** Rows remembered: far above the apps × hours a deployment decides verdicts for in REWRITE_AFTER. */
  static final int MAX_REMEMBERED = 10_000;
  /** The most hours one listing reads: the 31 days the query API allows, one partition each. */
  static final int MAX_HOURS = 744;
  /**
   * Hour partitions read at once: a month's 744 one-page reads finish in well under a second, without
   * putting 744 requests on the node in one burst.
   */
  static final int PARALLEL_READS = 16;
  /** Apps listed at most: keeps the answer bounded; a picker of more apps than this is no picker anyway. */
  static final int MAX_APPS = 10_000;

  private final CqlSession session;
  private final InsertVerdictApp.Factory insert;
  private final SelectVerdictApps.Factory select;
  private final long retainedHours;
  private final RecentAppHours recent = new RecentAppHours(REWRITE_AFTER, MAX_REMEMBERED);

  VerdictAppCatalog(CqlSession session, String keyspace, Duration retention) {
    this.session = session;
    this.insert = new InsertVerdictApp.Factory(session, keyspace,
        Math.toIntExact(retention.plus(REWRITE_AFTER).toSeconds()));
    this.select = new SelectVerdictApps.Factory(session, keyspace);
    this.retainedHours = retention.toHours() + 1;
  }

  /** A verdict_apps row about to be sent. */
  record AppRow(RecentAppHours.AppHour key, long sentAtNanos, BoundStatement statement) {}

  /** The row to write with {@code standing}'s report row, or null when this process wrote it lately. */
  @Nullable AppRow unwritten(Verdict standing) {
    RecentAppHours.AppHour key = new RecentAppHours.AppHour(standing.reportBucket(), standing.appId());
    long now = System.nanoTime();
    if (!recent.due(key, now)) return null;
    return new AppRow(key, now, insert.app(key.hour(), key.appId()));
  }

  /** Remembers a row Cassandra acknowledged; a refused one is written again with the next verdict. */
  void written(AppRow row) {
    recent.written(row.key(), row.sentAtNanos());
  }

  /** The apps of the hours from {@code fromNanos}'s through {@code toNanos}'s, newest hours read first. */
  CompletionStage<HealthApps> apps(long fromNanos, long toNanos) {
    if (fromNanos > toNanos) return CompletableFuture.completedFuture(new HealthApps(List.of(), false));
    long lastHour = Math.floorDiv(toNanos, Verdict.REPORT_BUCKET_NANOS);
    long firstHour = Math.floorDiv(fromNanos, Verdict.REPORT_BUCKET_NANOS);
    // Hours older than the retention have expired: skipping them loses nothing. Hours past the read
    // budget may hold apps: the answer says it is partial.
    long oldestRead = Math.max(firstHour, lastHour - retainedHours + 1);
    AtomicBoolean partial = new AtomicBoolean(lastHour - oldestRead + 1 > MAX_HOURS);
    if (partial.get()) oldestRead = lastHour - MAX_HOURS + 1;
    List<Long> hours = new ArrayList<>();
    for (long hour = lastHour; hour >= oldestRead; hour--) hours.add(hour);
    TreeSet<String> apps = new TreeSet<>();
    AtomicInteger next = new AtomicInteger();
    List<CompletableFuture<Void>> lanes = new ArrayList<>(PARALLEL_READS);
    for (int lane = 0; lane < Math.min(PARALLEL_READS, hours.size()); lane++) {
      lanes.add(readHours(hours, next, apps, partial));
    }
    return CompletableFuture.allOf(lanes.toArray(CompletableFuture[]::new)).thenApply(done -> {
      synchronized (apps) {
        return new HealthApps(List.copyOf(apps), partial.get());
      }
    });
  }

  /** Reads the next unread hour, then the one after it, until none is left: one lane of the listing. */
  private CompletableFuture<Void> readHours(List<Long> hours, AtomicInteger next, TreeSet<String> apps,
      AtomicBoolean partial) {
    int index = next.getAndIncrement();
    if (index >= hours.size()) return CompletableFuture.completedFuture(null);
    return StatementRequests.readUntil(session, select.hour(hours.get(index)), row -> {
      String app = row.getString(0);
      if (app == null) return true;
      synchronized (apps) {
        if (apps.size() >= MAX_APPS && !apps.contains(app)) {
          partial.set(true);
          return false;
        }
        apps.add(app);
      }
      return true;
    }).toCompletableFuture().thenCompose(done -> readHours(hours, next, apps, partial));
  }
}
