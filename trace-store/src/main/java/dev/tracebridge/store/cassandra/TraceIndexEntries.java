package dev.tracebridge.store.cassandra;

import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.rum.PropagatedContext;
import dev.tracebridge.core.rum.RumResource;
import dev.tracebridge.core.search.SearchMatcher;
import dev.tracebridge.core.search.UrlPattern;
import dev.tracebridge.core.storage.TraceWrite;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The index rows one trace write adds, deduplicated: one per service of its spans, one per session,
 * view and URL pattern of its resources, whatever the number of spans and resources behind each, and one
 * for the minute the write's earliest row started in.
 */
record TraceIndexEntries(
    List<Service> services, List<Session> sessions, List<View> views, List<Url> urls, Started started) {
  static TraceIndexEntries of(TraceWrite write) {
    Map<String, Service.Builder> services = new LinkedHashMap<>();
    long earliest = Long.MAX_VALUE;
    long high = 0;
    for (Span span : write.spans()) {
      services.computeIfAbsent(span.serviceName(), Service.Builder::new).add(span);
      earliest = Math.min(earliest, span.startEpochNanos());
      if (high == 0) high = span.traceId().high();
    }
    Map<List<String>, Long> sessions = new LinkedHashMap<>();
    Map<List<String>, Long> views = new LinkedHashMap<>();
    Map<List<Object>, Url> urls = new LinkedHashMap<>();
    for (RumResource resource : write.resources()) {
      earliest = Math.min(earliest, resource.epochNanos());
      for (PropagatedContext context : resource.propagation()) {
        if (high == 0 && context.traceId().key().equals(write.key())) high = context.traceId().high();
      }
      String app = resource.context().appId();
      long start = resource.epochNanos();
      String session = resource.context().sessionId();
      if (session != null && !session.isEmpty()) sessions.merge(List.of(app, session), start, Math::min);
      String view = resource.context().viewId();
      if (view != null && !view.isEmpty()) views.merge(List.of(app, view), start, Math::min);
      Url url = new Url(app, UrlPattern.of(resource.url()), start, resource.durationNanos(),
          resource.statusCode());
      urls.putIfAbsent(List.of(url.appId(), url.pattern(), start), url);
    }
    return new TraceIndexEntries(
        services.values().stream().map(Service.Builder::build).toList(),
        sessions.entrySet().stream().map(e -> new Session(e.getKey().get(0), e.getKey().get(1), e.getValue())).toList(),
        views.entrySet().stream().map(e -> new View(e.getKey().get(0), e.getKey().get(1), e.getValue())).toList(),
        List.copyOf(urls.values()),
        new Started(earliest, high));
  }

  record Service(String service, long startNanos, long maxDurationNanos, boolean error,
      Set<String> operations, Set<Integer> httpStatuses) {

    static final class Builder {
      private final String service;
      private long start = Long.MAX_VALUE;
      private long maxDuration;
      private boolean error;
      private final Set<String> operations = new LinkedHashSet<>();
      private final Set<Integer> statuses = new LinkedHashSet<>();

      Builder(String service) {
        this.service = service;
      }

      void add(Span span) {
        start = Math.min(start, span.startEpochNanos());
        maxDuration = Math.max(maxDuration, span.durationNanos());
        error |= span.status().isError();
        if (operations.size() < Schema.MAX_INDEXED_OPERATIONS) operations.add(span.name());
        // The same reading of the status as the search's matcher, so an indexed status is one it finds.
        Integer status = SearchMatcher.httpStatus(span);
        if (status != null) statuses.add(status);
      }

      Service build() {
        return new Service(service, start, maxDuration, error, Set.copyOf(operations), Set.copyOf(statuses));
      }
    }
  }

  record Session(String appId, String sessionId, long startNanos) {}

  record View(String appId, String viewId, long startNanos) {}

  record Url(String appId, String pattern, long startNanos, long durationNanos, int statusCode) {}

  /**
   * When the write's earliest span or request started, and the high 64 bits of its trace id (0 when the
   * write knew only the low 64): the traces_by_minute row.
   */
  record Started(long startNanos, long traceIdHigh) {}
}
