package dev.tracebridge.api.config;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.api.selfmetrics.EngineMetrics;
import dev.tracebridge.correlator.health.CheckRun;
import dev.tracebridge.correlator.health.PropagationChecker;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the propagation checker on this node every interval. The checker works from the store only, so
 * every engine node may run it: two nodes decide the same verdicts, a restart loses nothing.
 */
final class PropagationCheckSchedule implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PropagationCheckSchedule.class);

  private final PropagationChecker checker;
  private final Duration interval;
  private final EngineMetrics metrics;
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "propagation-check");
    t.setDaemon(true);
    return t;
  });

  PropagationCheckSchedule(PropagationChecker checker, Duration interval, EngineMetrics metrics) {
    this.checker = requireNonNull(checker, "checker");
    this.metrics = requireNonNull(metrics, "metrics");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("tracebridge.propagation.check-interval: " + interval
          + " (expected: > 0)");
    }
    this.interval = interval;
  }

  void start() {
    scheduler.scheduleWithFixedDelay(this::runOnce, interval.toMillis(), interval.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private void runOnce() {
    runOnce(Instant.now());
  }

  /** One run as of {@code now}; package-private so that a test decides when "now" is. */
  void runOnce(Instant now) {
    try {
      CheckRun run = checker.runOnce(now);
      run.decided().forEach((verdict, count) -> metrics.verdictsDecided(verdict.wireName(), count));
      if (run.decidedTotal() > 0) log.info("propagation verdicts decided: {}", run.decided());
      if (run.bucketsBehind() > 0) {
        log.warn("propagation check is {} minutes behind; it catches up on the next runs", run.bucketsBehind());
      }
    } catch (RuntimeException e) {
      // The next run retries the same buckets: a verdict is decided once the store answers again.
      log.warn("propagation check failed: {}", e.toString());
    } catch (LinkageError e) {
      // A broken deployment (mismatched jars). Anything thrown out of a scheduled task would end the
      // schedule without a word, so say it loudly on every run instead.
      log.error("propagation check cannot run; no verdict will be decided until this is fixed", e);
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
