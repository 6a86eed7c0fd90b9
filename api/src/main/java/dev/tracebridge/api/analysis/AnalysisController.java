package dev.tracebridge.api.analysis;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.api.query.BadParameterException;
import dev.tracebridge.api.query.QueryTimes;
import dev.tracebridge.api.query.TraceIds;
import dev.tracebridge.api.search.TraceBatchReader;
import dev.tracebridge.core.join.JoinedTrace;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.search.SearchQuery;
import dev.tracebridge.core.search.SearchResult;
import dev.tracebridge.core.search.TraceSearch;
import dev.tracebridge.correlator.JoinedTraceReader;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Root cause: of one trace, and across the traces of a view, route or endpoint. */
@RestController
class AnalysisController {
  /** Traces analysed per period: enough for a stable p95 (10 traces in its tail), bounded in reads. */
  static final int MAX_TRACES_PER_PERIOD = 200;
  static final Duration DEFAULT_PERIOD = Duration.ofHours(1);

  private final JoinedTraceReader reader;
  private final TraceBatchReader batches;
  private final TraceSearch search;
  private final ExecutorService executor;
  private final Clock clock;
  private final TraceAnalyzer analyzer = new TraceAnalyzer();
  private final TraceSetAnalyzer setAnalyzer = new TraceSetAnalyzer();

  AnalysisController(JoinedTraceReader reader, TraceSearch search,
      @Qualifier("queryExecutor") ExecutorService executor, Clock clock) {
    this.reader = requireNonNull(reader, "reader");
    this.batches = new TraceBatchReader(reader);
    this.search = requireNonNull(search, "search");
    this.executor = requireNonNull(executor, "executor");
    this.clock = requireNonNull(clock, "clock");
  }

  /**
   * Synchronous, as the trace route is (see {@code TraceController#trace}): the request thread waits for
   * the reads, then joins and analyses, with no hand-off to an executor and no second dispatch.
   */
  @GetMapping("/api/v1/traces/{traceId}/analysis")
  TraceAnalysisJson trace(@PathVariable String traceId) {
    TraceId id = TraceIds.parse(traceId);
    return reader.traceOnCallingThread(id)
        .map(trace -> TraceAnalysisJson.of(analyzer.analyze(trace), trace.resources()))
        .orElseThrow(() -> TraceIds.notFound(id));
  }

  @GetMapping("/api/v1/analysis")
  CompletableFuture<TraceSetAnalysis> traces(
      @RequestParam(required = false) @Nullable String app,
      @RequestParam(required = false) @Nullable String view,
      @RequestParam(required = false) @Nullable String url,
      @RequestParam(required = false) @Nullable String service,
      @RequestParam(required = false) @Nullable String operation,
      @RequestParam(required = false) @Nullable String start,
      @RequestParam(required = false) @Nullable String end) {
    if (operation != null && service == null) {
      throw new BadParameterException("operation", "operation: '" + operation + "' (expected: with service=)");
    }
    if ((view != null || url != null) && app == null) {
      throw new BadParameterException("app", "app: missing (expected: with view= or url=)");
    }
    if (service == null && view == null && url == null) {
      throw new BadParameterException("service", "service, view, url: all missing (expected: an app's view= or"
          + " url=, or a backend service=, to analyse)");
    }
    long to = QueryTimes.instant("end", end, clock.millis() * 1_000_000L);
    long from = QueryTimes.instant("start", start, to - DEFAULT_PERIOD.toNanos());
    if (to <= from) throw new BadParameterException("end", "end: not after start (expected: end > start)");
    long length = to - from;
    SearchQuery current = SearchQuery.builder(from, to).appId(app).viewId(view).urlPattern(url).service(service)
        .operation(operation).limit(MAX_TRACES_PER_PERIOD).build();
    SearchQuery previous = current.withRange(Math.max(0, from - length), Math.max(0, from - 1), MAX_TRACES_PER_PERIOD);
    String target = target(app, view, url, service, operation);
    CompletableFuture<Analysed> now = analysed(current);
    CompletableFuture<Analysed> before = from - length < 0
        ? CompletableFuture.completedFuture(null) : analysed(previous);
    return now.thenCombine(before, (a, b) -> setAnalyzer.analyze(target, from, to, a.analyses, a.sampled,
        b == null ? null : b.analyses, b != null && b.sampled));
  }

  private CompletableFuture<Analysed> analysed(SearchQuery query) {
    return search.search(query).toCompletableFuture().thenCompose(result -> batches.read(result.traces())
        .thenApplyAsync(traces -> analyse(result, traces), executor));
  }

  private Analysed analyse(SearchResult result, List<JoinedTrace> traces) {
    List<TraceAnalysis> analyses = new ArrayList<>(traces.size());
    for (JoinedTrace trace : traces) analyses.add(analyzer.analyze(trace));
    boolean sampled = result.partial() || result.traces().size() >= MAX_TRACES_PER_PERIOD;
    return new Analysed(analyses, sampled);
  }

  private static String target(@Nullable String app, @Nullable String view, @Nullable String url,
      @Nullable String service, @Nullable String operation) {
    List<String> parts = new ArrayList<>();
    if (app != null && view != null) parts.add("view " + view + " of " + app);
    if (app != null && url != null) parts.add(app + " " + dev.tracebridge.core.search.UrlPattern.of(url));
    if (service != null) parts.add(operation == null ? service : service + " " + operation);
    return String.join(", ", parts);
  }

  private record Analysed(List<TraceAnalysis> analyses, boolean sampled) {}
}
