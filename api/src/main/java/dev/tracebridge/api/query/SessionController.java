package dev.tracebridge.api.query;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.rum.RumEvent;
import dev.tracebridge.core.rum.RumView;
import dev.tracebridge.core.search.SearchQuery;
import dev.tracebridge.core.search.SessionTimeline;
import dev.tracebridge.core.search.TraceSearch;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** A RUM session's timeline, and one page view of it with the traces it started. */
@RestController
@RequestMapping("/api/v1/sessions/{appId}/{sessionId}")
class SessionController {
  private final TraceSearch search;

  SessionController(TraceSearch search) {
    this.search = requireNonNull(search, "search");
  }

  @GetMapping
  CompletableFuture<SessionJson> session(@PathVariable String appId, @PathVariable String sessionId) {
    return search.readSessionTimeline(appId, sessionId).toCompletableFuture().thenApply(timeline -> {
      if (timeline.isEmpty()) throw notFound("session " + sessionId + " of app " + appId);
      return SessionJson.of(timeline);
    });
  }

  @GetMapping("/views/{viewId}")
  CompletableFuture<ViewJson> view(@PathVariable String appId, @PathVariable String sessionId,
      @PathVariable String viewId) {
    SearchQuery byView = SearchQuery.builder(0, Long.MAX_VALUE).appId(appId).viewId(viewId)
        .limit(SearchQuery.MAX_LIMIT).build();
    CompletableFuture<SessionTimeline> timeline =
        search.readSessionTimeline(appId, sessionId).toCompletableFuture();
    return timeline.thenCombine(search.search(byView), (session, traces) -> {
      List<RumEvent> inView = session.events().stream()
          .filter(e -> Objects.equals(viewId, e.context().viewId())).toList();
      RumEventJson view = inView.stream().filter(e -> e instanceof RumView).findFirst()
          .map(RumEventJson::of).orElse(null);
      if (inView.isEmpty() && traces.traces().isEmpty()) {
        throw notFound("view " + viewId + " in session " + sessionId + " of app " + appId);
      }
      return new ViewJson(appId, sessionId, viewId, view, inView.stream().map(RumEventJson::of).toList(),
          traces.traces().stream().map(SummaryJson::of).toList(), traces.partial());
    });
  }

  private static ResponseStatusException notFound(String what) {
    return new ResponseStatusException(HttpStatus.NOT_FOUND, "nothing has been stored for " + what);
  }
}
