package dev.tracebridge.api.query;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.search.TraceSearch;
import dev.tracebridge.correlator.JoinedTraceReader;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Joined traces by id, and the trace search. Any textual id form is accepted: 32 or 16 hex, unpadded
 * hex, Datadog decimal.
 */
@RestController
@RequestMapping("/api/v1/traces")
class TraceController {
  private final JoinedTraceReader query;
  private final TraceSearch search;
  private final Clock clock;

  TraceController(JoinedTraceReader query, TraceSearch search, Clock clock) {
    this.query = requireNonNull(query, "query");
    this.search = requireNonNull(search, "search");
    this.clock = requireNonNull(clock, "clock");
  }

  @GetMapping
  CompletableFuture<SearchJson> search(HttpServletRequest request) {
    SearchParameters.Parsed parsed = SearchParameters.parse(request.getParameterMap(), clock);
    return SearchPaging.page(search, parsed.query(), parsed.limit(), parsed.pageToken())
        .thenApply(SearchJson::of).toCompletableFuture();
  }

  @GetMapping("/{traceId}")
  CompletableFuture<TraceJson> trace(@PathVariable String traceId) {
    TraceId id = TraceIds.parse(traceId);
    return query.trace(id).toCompletableFuture().thenApply(found -> found.map(TraceJson::of)
        .orElseThrow(() -> TraceIds.notFound(id)));
  }
}
