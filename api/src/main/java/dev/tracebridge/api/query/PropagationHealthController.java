package dev.tracebridge.api.query;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.health.HealthCount;
import dev.tracebridge.core.health.HealthReport;
import dev.tracebridge.core.health.Verdict;
import dev.tracebridge.core.health.VerdictStore;
import dev.tracebridge.core.model.TraceId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The propagation-health report: for one app, how many traced browser requests ended in each verdict,
 * per hour × URL pattern × header formats, with example trace ids to open. "Which endpoint breaks my
 * traces, and why" is one call.
 */
@RestController
class PropagationHealthController {
  /** A day is what a team looks at first; longer ranges are asked for explicitly. */
  private static final Duration DEFAULT_RANGE = Duration.ofHours(24);
  private static final Duration MAX_RANGE = Duration.ofDays(31);

  private final VerdictStore verdicts;

  PropagationHealthController(VerdictStore verdicts) {
    this.verdicts = requireNonNull(verdicts, "verdicts");
  }

  @GetMapping("/api/v1/propagation-health")
  CompletableFuture<ReportJson> report(
      @RequestParam(name = "app", required = false) String app,
      @RequestParam(name = "start", required = false) String start,
      @RequestParam(name = "end", required = false) String end) {
    if (app == null || app.isBlank()) {
      throw new BadParameterException("app", "app: missing (expected: the RUM application id)");
    }
    Instant clock = Instant.now();
    long now = clock.getEpochSecond() * 1_000_000_000L + clock.getNano();
    long endNanos = QueryTimes.instant("end", end, now);
    long startNanos = QueryTimes.instant("start", start, endNanos - DEFAULT_RANGE.toNanos());
    if (startNanos > endNanos) {
      throw new BadParameterException("start", "start: after end (expected: start <= end)");
    }
    if (endNanos - startNanos > MAX_RANGE.toNanos()) {
      throw new BadParameterException("start", "start..end: longer than " + MAX_RANGE.toDays()
          + " days (expected: a shorter range)");
    }
    return verdicts.health(app, startNanos, endNanos).toCompletableFuture()
        .thenApply(report -> ReportJson.of(app, startNanos, endNanos, report));
  }

  record ReportJson(String app, long startEpochNanos, long endEpochNanos, boolean partial,
      List<CountJson> counts) {
    static ReportJson of(String app, long start, long end, HealthReport report) {
      return new ReportJson(app, start, end, report.partial(),
          report.counts().stream().map(CountJson::of).toList());
    }
  }

  record CountJson(long hourStartEpochNanos, String urlPattern, String headerFormats, String verdict,
      long count, List<String> exampleTraceIds) {
    static CountJson of(HealthCount c) {
      return new CountJson(c.hourBucket() * Verdict.REPORT_BUCKET_NANOS, c.urlPattern(), c.headerFormats(),
          c.verdict().wireName(), c.count(), c.exampleTraceIds().stream().map(TraceId::toHex).toList());
    }
  }
}
