package dev.tracebridge.api.query;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.health.HealthCount;
import dev.tracebridge.core.health.HealthReport;
import dev.tracebridge.core.health.Verdict;
import dev.tracebridge.core.health.VerdictStore;
import dev.tracebridge.core.model.TraceId;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The propagation-health report: for one app, how many traced browser requests ended in each verdict,
 * per hour × URL pattern × header formats, with example trace ids to open. "Which endpoint breaks my
 * traces, and why" is one call. Which apps have a report is another: the apps with verdicts in a range.
 */
@RestController
class PropagationHealthController {
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
    HealthRange range = HealthRange.of(start, end, Instant.now());
    return verdicts.health(app, range.startNanos(), range.endNanos()).toCompletableFuture()
        .thenApply(report -> ReportJson.of(app, range, report));
  }

  @GetMapping("/api/v1/propagation-health/apps")
  CompletableFuture<AppsJson> apps(
      @RequestParam(name = "start", required = false) String start,
      @RequestParam(name = "end", required = false) String end) {
    HealthRange range = HealthRange.of(start, end, Instant.now());
    return verdicts.apps(range.startNanos(), range.endNanos()).toCompletableFuture()
        .thenApply(apps -> new AppsJson(range.startNanos(), range.endNanos(), apps.partial(), apps.appIds()));
  }

  record AppsJson(long startEpochNanos, long endEpochNanos, boolean partial, List<String> apps) {}

  record ReportJson(String app, long startEpochNanos, long endEpochNanos, boolean partial,
      List<CountJson> counts) {
    static ReportJson of(String app, HealthRange range, HealthReport report) {
      return new ReportJson(app, range.startNanos(), range.endNanos(), report.partial(),
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
