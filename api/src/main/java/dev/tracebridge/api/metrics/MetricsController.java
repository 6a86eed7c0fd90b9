package dev.tracebridge.api.metrics;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.api.query.BadParameterException;
import dev.tracebridge.api.selfmetrics.EngineMetrics;
import dev.tracebridge.api.query.QueryTimes;
import dev.tracebridge.core.search.MetricRollups;
import dev.tracebridge.core.search.RollupQuery;
import dev.tracebridge.core.search.UrlPattern;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The generated metrics: as JSON rows per minute, and the last final minute for Prometheus to scrape. */
@RestController
class MetricsController {
  private static final long NANOS_PER_MINUTE = 60_000_000_000L;
  /** An hour of minutes by default: what a dashboard's first panel shows. */
  private static final long DEFAULT_MINUTES = 60;

  private final MetricRollups rollups;
  private final Clock clock;
  private final ExecutorService executor;
  private final EngineMetrics engine;

  /** Rows are rendered on {@code executor}: the Cassandra store completes reads on its I/O threads. */
  MetricsController(MetricRollups rollups, Clock clock, @Qualifier("queryExecutor") ExecutorService executor,
      EngineMetrics engine) {
    this.rollups = requireNonNull(rollups, "rollups");
    this.clock = requireNonNull(clock, "clock");
    this.executor = requireNonNull(executor, "executor");
    this.engine = requireNonNull(engine, "engine");
  }

  /**
   * The rollups of the last final minute, then the engine's own metrics. When the rollups cannot be read
   * (Cassandra down) the engine's metrics are still served: that is when an operator needs them most.
   */
  @GetMapping("/metrics")
  CompletableFuture<ResponseEntity<String>> prometheus() {
    long minute = RollupSchedule.lastClosedMinute(clock.millis());
    return rollups.read(RollupQuery.minutes(minute, minute + 1)).toCompletableFuture()
        .handleAsync((rows, failure) -> {
          String rollupText = failure == null ? PrometheusExposition.render(minute, rows)
              : PrometheusExposition.unavailable();
          return ResponseEntity.ok().header("Content-Type", PrometheusExposition.CONTENT_TYPE)
              .body(rollupText + engine.render());
        }, executor);
  }

  @GetMapping("/api/v1/metrics")
  CompletableFuture<List<RollupJson>> metrics(
      @RequestParam(required = false) @Nullable String app,
      @RequestParam(required = false) @Nullable String viewRoute,
      @RequestParam(required = false) @Nullable String url,
      @RequestParam(required = false) @Nullable String service,
      @RequestParam(required = false) @Nullable String operation,
      @RequestParam(required = false) @Nullable String start,
      @RequestParam(required = false) @Nullable String end) {
    long lastClosed = RollupSchedule.lastClosedMinute(clock.millis());
    long toMinute = end == null ? lastClosed + 1
        : Math.floorDiv(QueryTimes.instant("end", end, 0), NANOS_PER_MINUTE);
    long fromMinute = start == null ? toMinute - DEFAULT_MINUTES
        : Math.floorDiv(QueryTimes.instant("start", start, 0), NANOS_PER_MINUTE);
    if (toMinute <= fromMinute) {
      throw new BadParameterException("end", "end: not a minute after start (expected: end > start)");
    }
    if (toMinute - fromMinute > RollupQuery.MAX_MINUTES) {
      throw new BadParameterException("start", "start: " + (toMinute - fromMinute) + " minutes before end"
          + " (expected: at most " + RollupQuery.MAX_MINUTES + ", a day)");
    }
    RollupQuery query = new RollupQuery(fromMinute, toMinute, app, viewRoute == null ? null : UrlPattern.of(viewRoute),
        url == null ? null : UrlPattern.of(url), service, operation);
    return rollups.read(query).toCompletableFuture()
        .thenApplyAsync(rows -> rows.stream().map(RollupJson::of).toList(), executor);
  }
}
