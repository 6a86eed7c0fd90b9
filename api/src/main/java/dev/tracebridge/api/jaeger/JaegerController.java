package dev.tracebridge.api.jaeger;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.api.query.BadParameterException;
import dev.tracebridge.api.query.TraceIds;
import dev.tracebridge.api.search.TraceBatchReader;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.search.SearchQuery;
import dev.tracebridge.core.search.TraceSearch;
import dev.tracebridge.correlator.JoinedTraceReader;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

/**
 * Jaeger's query API over joined traces: what Grafana's Jaeger data source calls. Times are
 * microseconds, as in Jaeger. Searching the browser side ({@code service=browser:<app>}) needs a tag
 * naming the index to read: {@code url}, {@code session.id} or {@code view.id}.
 */
@RestController
class JaegerController {
  static final String BROWSER_PREFIX = "browser:";
  /** Jaeger's own default look-back is longer; an hour keeps a search within a few index partitions. */
  static final Duration DEFAULT_LOOKBACK = Duration.ofHours(1);
  static final int MAX_LIMIT = 500;

  private final JoinedTraceReader reader;
  private final TraceBatchReader batches;
  private final TraceSearch search;
  private final ExecutorService executor;
  private final Clock clock;
  private final ObjectMapper json;

  JaegerController(JoinedTraceReader reader, TraceSearch search, @Qualifier("queryExecutor") ExecutorService executor,
      Clock clock, ObjectMapper json) {
    this.reader = requireNonNull(reader, "reader");
    this.batches = new TraceBatchReader(reader);
    this.search = requireNonNull(search, "search");
    this.executor = requireNonNull(executor, "executor");
    this.clock = requireNonNull(clock, "clock");
    this.json = requireNonNull(json, "json");
  }

  @GetMapping("/api/traces/{traceId}")
  CompletableFuture<JaegerJson.Response> trace(@PathVariable String traceId) {
    TraceId id = TraceIds.parse(traceId);
    return reader.trace(id).toCompletableFuture().thenApplyAsync(found -> found
        .map(trace -> JaegerJson.Response.of(List.of(JaegerTraceConverter.convert(trace))))
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "trace not found")), executor);
  }

  @GetMapping("/api/services")
  CompletableFuture<JaegerJson.Response> services() {
    return search.services().toCompletableFuture().thenApply(JaegerJson.Response::of);
  }

  @GetMapping("/api/services/{service}/operations")
  CompletableFuture<JaegerJson.Response> operations(@PathVariable String service) {
    return search.operations(service).toCompletableFuture().thenApply(JaegerJson.Response::of);
  }

  @GetMapping("/api/traces")
  CompletableFuture<JaegerJson.Response> traces(
      @RequestParam(required = false) @Nullable String service,
      @RequestParam(required = false) @Nullable String operation,
      @RequestParam(required = false) @Nullable String start,
      @RequestParam(required = false) @Nullable String end,
      @RequestParam(required = false) @Nullable String limit,
      @RequestParam(required = false) @Nullable String minDuration,
      @RequestParam(required = false) @Nullable String maxDuration,
      @RequestParam(required = false) @Nullable String tags,
      @RequestParam(name = "tag", required = false) @Nullable List<String> tag) {
    if (service == null || service.isBlank()) {
      throw new BadParameterException("service", "parameter 'service' is required");
    }
    long nowMicros = clock.millis() * 1_000L;
    long endMicros = micros("end", end, nowMicros);
    long startMicros = micros("start", start, endMicros - DEFAULT_LOOKBACK.toNanos() / 1_000);
    if (endMicros < startMicros) throw new BadParameterException("end", "end: before start (expected: end >= start)");
    Map<String, String> wanted = tags(tags, tag);
    SearchQuery.Builder query = SearchQuery.builder(startMicros * 1_000, endMicros * 1_000)
        .limit(limit(limit))
        .minDurationNanos(GoDuration.nanos("minDuration", minDuration))
        .maxDurationNanos(GoDuration.nanos("maxDuration", maxDuration));
    if ("true".equals(wanted.remove("error"))) query.errorsOnly(true);
    if (service.startsWith(BROWSER_PREFIX)) {
      browserCriteria(query, service.substring(BROWSER_PREFIX.length()), wanted);
    } else {
      query.service(service).operation(operation == null || operation.isBlank() ? null : operation);
      wanted.forEach(query::attribute);
    }
    SearchQuery built = build(query);
    return search.search(built).toCompletableFuture()
        .thenCompose(result -> batches.read(result.traces()))
        .thenApplyAsync(traces -> JaegerJson.Response.of(traces.stream().map(JaegerTraceConverter::convert).toList()),
            executor);
  }

  /** A browser service is searched by the RUM index its tags name; other tags cannot narrow it. */
  private static void browserCriteria(SearchQuery.Builder query, String app, Map<String, String> wanted) {
    query.appId(app).urlPattern(wanted.remove("url")).sessionId(wanted.remove("session.id"))
        .viewId(wanted.remove("view.id"));
    if (!wanted.isEmpty()) {
      throw new BadParameterException("tags", "tags: " + wanted.keySet() + " (expected for a browser service:"
          + " url, session.id, view.id or error)");
    }
  }

  private static SearchQuery build(SearchQuery.Builder query) {
    SearchQuery built;
    try {
      built = query.build();
    } catch (IllegalArgumentException e) {
      throw new BadParameterException("maxDuration", e.getMessage());
    }
    if (!built.hasIndexCriterion()) {
      throw new BadParameterException("tags", "a browser service is searched by url, session.id or view.id;"
          + " give one as a tag, e.g. tags={\"url\":\"https://shop.example/api/cart\"}");
    }
    return built;
  }

  private Map<String, String> tags(@Nullable String tags, @Nullable List<String> tag) {
    Map<String, String> wanted = new LinkedHashMap<>();
    if (tags != null && !tags.isBlank()) {
      try {
        Map<?, ?> parsed = json.readValue(tags, Map.class);
        parsed.forEach((k, v) -> wanted.put(String.valueOf(k), String.valueOf(v)));
      } catch (JacksonException e) {
        throw new BadParameterException("tags", "tags: not a JSON object of strings (expected e.g."
            + " {\"http.status_code\":\"500\"})");
      }
    }
    if (tag != null) {
      for (String pair : tag) {
        int colon = pair.indexOf(':');
        if (colon <= 0) throw new BadParameterException("tag", "tag: '" + pair + "' (expected: key:value)");
        wanted.put(pair.substring(0, colon), pair.substring(colon + 1));
      }
    }
    return wanted;
  }

  private static int limit(@Nullable String text) {
    if (text == null || text.isBlank()) return SearchQuery.DEFAULT_LIMIT;
    try {
      int value = Integer.parseInt(text.strip());
      // Jaeger clients send 0 for "the default".
      if (value == 0) return SearchQuery.DEFAULT_LIMIT;
      if (value > 0 && value <= MAX_LIMIT) return value;
    } catch (NumberFormatException e) {
      // Answered below.
    }
    throw new BadParameterException("limit", "limit: '" + text + "' (expected: 1 to " + MAX_LIMIT + ")");
  }

  private static long micros(String parameter, @Nullable String text, long fallback) {
    if (text == null || text.isBlank()) return fallback;
    try {
      long value = Long.parseLong(text.strip());
      if (value >= 0 && value < Long.MAX_VALUE / 1_000) return value;
    } catch (NumberFormatException e) {
      // Answered below.
    }
    throw new BadParameterException(parameter, parameter + ": '" + text
        + "' (expected: unix epoch microseconds, as Jaeger's API takes them)");
  }
}
