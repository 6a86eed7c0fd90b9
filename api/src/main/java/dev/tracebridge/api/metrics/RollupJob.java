package dev.tracebridge.api.metrics;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.api.search.MinuteTraces;
import dev.tracebridge.api.search.TraceBatchReader;
import dev.tracebridge.core.join.JoinedTrace;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.search.MetricRollup;
import dev.tracebridge.core.search.MetricRollups;
import dev.tracebridge.core.search.SearchQuery;
import dev.tracebridge.core.search.SearchUnsupportedException;
import dev.tracebridge.correlator.JoinedTraceReader;
import dev.tracebridge.correlator.WorkPace;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Rolls up each minute once it is final ({@link RollupSchedule}): lists the traces that started in it
 * ({@link MinuteTraces}), reads them joined a chunk at a time, keeps those that belong to the minute
 * ({@link TraceMinute}), aggregates ({@link RollupAggregator}) and writes the rows, reading at a pace
 * ({@link #TRACES_PER_SECOND}) that leaves the machine to ingest. A pass replaces the
 * minute's rows, so repeating it (two engine nodes, a restart) is harmless. Runs on one thread of its
 * own; a minute with more traces than {@link #MAX_TRACES_PER_MINUTE} is rolled up from the newest of
 * them and marked incomplete.
 */
public final class RollupJob implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(RollupJob.class);
  /** How often the job looks for newly final minutes. */
  static final Duration TICK = Duration.ofSeconds(15);
  /** After a pause (a long GC, a busy store) at most this many missed minutes are caught up per tick. */
  static final int CATCH_UP_MINUTES = 10;
  /** Bounds one pass's reads: 20 pages of the store's largest search. */
  static final int MAX_TRACES_PER_MINUTE = 20 * SearchQuery.MAX_LIMIT;
  /**
   * Joined traces held at once: a pass aggregates a chunk and lets it go, so its memory stays bounded by
   * this many traces (200-span traces: tens of MB) however busy the minute was.
   */
  static final int TRACES_PER_CHUNK = 256;
  /**
   * Traces a pass reads per second at most. Unpaced, a pass read a busy minute's 20,000 traces in ~4 s with
   * ~0.9 of a 2-core machine's cores (engine and Cassandra) once a minute, and ingest near its limit refused
   * exports during that burst (docs/benchmarks.md, "End-to-end load", session 12). Paced, the same reads
   * spread over at most 40 s of the 60 s before the next minute is final.
   */
  static final int TRACES_PER_SECOND = 500;
  /** A store read slower than this fails the pass, which the next tick retries. */
  static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

  private final MinuteTraces traces;
  private final TraceBatchReader batches;
  private final MetricRollups rollups;
  private final Clock clock;
  private @Nullable ScheduledExecutorService scheduler;
  private long lastRolled = Long.MIN_VALUE;
  private boolean unsupported;

  public RollupJob(MinuteTraces traces, JoinedTraceReader reader, MetricRollups rollups, Clock clock) {
    this.traces = requireNonNull(traces, "traces");
    this.batches = new TraceBatchReader(requireNonNull(reader, "reader"));
    this.rollups = requireNonNull(rollups, "rollups");
    this.clock = requireNonNull(clock, "clock");
  }

  /**
   * Rolls up one minute and writes it.
   *
   * @return the rows written
   */
  public List<MetricRollup> rollUp(long epochMinute) throws InterruptedException, ExecutionException,
      TimeoutException {
    MinuteTraces.Listing listing = traces.startedIn(epochMinute, MAX_TRACES_PER_MINUTE).toCompletableFuture()
        .get(READ_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    RollupAggregator aggregator = new RollupAggregator(epochMinute);
    List<TraceId> ids = listing.traceIds();
    WorkPace pace = WorkPace.perSecond(TRACES_PER_SECOND);
    for (int from = 0; from < ids.size(); from += TRACES_PER_CHUNK) {
      pace.awaitTurn(from);
      List<TraceId> chunk = ids.subList(from, Math.min(ids.size(), from + TRACES_PER_CHUNK));
      for (JoinedTrace trace : batches.readIds(chunk).toCompletableFuture()
          .get(READ_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        // Listed because a later write of it fell in this minute; it started in an earlier one.
        if (TraceMinute.of(trace).orElse(Long.MIN_VALUE) == epochMinute) aggregator.add(trace);
      }
    }
    List<MetricRollup> rows = aggregator.rollups(listing.complete());
    rollups.write(rows).toCompletableFuture().get(READ_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    return rows;
  }

  /** Rolls up every minute that became final since the last tick (at most {@link #CATCH_UP_MINUTES}). */
  void tick() {
    if (unsupported) return;
    long last = RollupSchedule.lastClosedMinute(clock.millis());
    long first = lastRolled == Long.MIN_VALUE ? last : Math.max(lastRolled + 1, last - CATCH_UP_MINUTES + 1);
    for (long minute = first; minute <= last; minute++) {
      try {
        rollUp(minute);
        lastRolled = minute;
      } catch (ExecutionException e) {
        if (e.getCause() instanceof SearchUnsupportedException unsupportedSearch) {
          unsupported = true;
          log.warn("Metric rollups are off: {}", unsupportedSearch.getMessage());
        } else {
          log.warn("Rolling up minute {} failed; the next tick retries: {}", minute, e.getCause().toString());
        }
        return;
      } catch (TimeoutException e) {
        log.warn("Rolling up minute {} timed out; the next tick retries", minute);
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException | LinkageError e) {
        // Thrown out of the scheduled task, either would end the schedule silently.
        log.error("Rolling up minute {} failed", minute, e);
        return;
      }
    }
  }

  @Override
  public synchronized void start() {
    if (scheduler != null) return;
    scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "metric-rollups");
      t.setDaemon(true);
      return t;
    });
    scheduler.scheduleWithFixedDelay(this::tick, TICK.toSeconds(), TICK.toSeconds(), TimeUnit.SECONDS);
  }

  @Override
  public synchronized void stop() {
    if (scheduler == null) return;
    scheduler.shutdownNow();
    scheduler = null;
  }

  @Override
  public synchronized boolean isRunning() {
    return scheduler != null;
  }
}
