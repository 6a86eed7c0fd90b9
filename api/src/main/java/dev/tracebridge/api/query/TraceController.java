package dev.tracebridge.api.query;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.join.JoinedTrace;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.search.TraceSearch;
import dev.tracebridge.correlator.JoinedTraceReader;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
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

  /**
   * The trace's JSON with a strong ETag: a viewer asking again with {@code If-None-Match} gets a 304 when
   * nothing changed. Every request reads the store, so a span written a moment ago (on any engine node) is
   * always in the answer.
   *
   * <p>Synchronous on purpose: the request thread waits for the reads, then joins and encodes itself.
   * Answering with a future cost this route two hand-offs to the join executor and Spring's second,
   * asynchronous dispatch to write the answer (9 % of the route's CPU samples in session 6's profile).
   * Each read is bounded by the driver's request timeout and the waiting requests by Tomcat's thread
   * pool; a store failure surfaces as the {@code CompletionException} {@link ProblemAdvice} answers with
   * a retryable 503.
   *
   * <p>The JSON is encoded once, into an {@link AnswerBuffer} that later answers use again, and written from
   * there into the response, rather than into a fresh array that Spring would then copy: nothing is sent
   * before the body is whole, so an error while reading or encoding is still a problem answer.
   */
  @GetMapping("/{traceId}")
  void trace(@PathVariable String traceId,
      @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) @Nullable String ifNoneMatch,
      HttpServletResponse response) throws IOException {
    TraceId id = TraceIds.parse(traceId);
    JoinedTrace trace = query.traceOnCallingThread(id).orElseThrow(() -> TraceIds.notFound(id));
    AnswerBuffer body = AnswerBuffer.take();
    try {
      TraceJson.write(trace, body);
      EntityTag tag = EntityTag.of(body.array(), body.length());
      response.setHeader(HttpHeaders.ETAG, tag.quoted());
      // no-cache: a browser may keep the body but must ask (with If-None-Match) before each use.
      response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noCache().getHeaderValue());
      if (tag.matches(ifNoneMatch)) {
        response.setStatus(HttpStatus.NOT_MODIFIED.value());
        return;
      }
      response.setStatus(HttpStatus.OK.value());
      response.setContentType(MediaType.APPLICATION_JSON_VALUE);
      response.setContentLength(body.length());
      body.writeTo(response.getOutputStream());
    } finally {
      body.release();
    }
  }
}
