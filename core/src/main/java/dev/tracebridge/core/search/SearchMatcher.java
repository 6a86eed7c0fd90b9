package dev.tracebridge.core.search;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.model.AttributeValue;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.rum.PropagatedContext;
import dev.tracebridge.core.rum.RumResource;
import dev.tracebridge.core.storage.TraceRecords;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Checks one trace partition against every criterion of a query, on the rows themselves. Every store
 * decides with this one matcher (an indexed store's index only narrows the candidates), so all stores
 * answer a search alike.
 */
public final class SearchMatcher {
  /** The semantic-convention attribute for a span's HTTP status, and its name before v1.21. */
  public static final List<String> HTTP_STATUS_ATTRIBUTES = List.of("http.response.status_code", "http.status_code");
  /** A browser request at or above this status failed on the server's side. */
  private static final int FIRST_SERVER_ERROR_STATUS = 500;

  private SearchMatcher() {}

  /**
   * The trace's summary when it meets every criterion of {@code query} (see {@link SearchQuery} for
   * what each means), else empty. An empty partition never matches.
   */
  public static Optional<TraceSummary> match(SearchQuery query, TraceRecords trace) {
    requireNonNull(query, "query");
    requireNonNull(trace, "trace");
    if (trace.isEmpty()) return Optional.empty();
    boolean inRange = trace.spans().stream().anyMatch(s -> inRange(query, s.startEpochNanos()))
        || trace.resources().stream().anyMatch(r -> inRange(query, r.epochNanos()));
    if (!inRange) return Optional.empty();
    if (query.hasSpanCriteria() && trace.spans().stream().noneMatch(s -> spanMatches(query, s))) {
      return Optional.empty();
    }
    if (query.hasResourceCriteria() && trace.resources().stream().noneMatch(r -> resourceMatches(query, r))) {
      return Optional.empty();
    }
    Integer status = query.httpStatus();
    if (status != null
        && trace.spans().stream().noneMatch(s -> status.equals(httpStatus(s)))
        && trace.resources().stream().noneMatch(r -> r.statusCode() == status)) {
      return Optional.empty();
    }
    if (query.errorsOnly() && !hasError(trace)) return Optional.empty();
    return Optional.of(summarize(trace));
  }

  /** Whether a browser request failed: it got no response (status 0) or a 5xx. */
  public static boolean isFailed(RumResource resource) {
    return resource.statusCode() == 0 || resource.statusCode() >= FIRST_SERVER_ERROR_STATUS;
  }

  /**
   * The HTTP status a span recorded, from either attribute name of {@link #HTTP_STATUS_ATTRIBUTES};
   * null when it recorded none, or one that is not a number.
   */
  public static @Nullable Integer httpStatus(Span span) {
    for (String name : HTTP_STATUS_ATTRIBUTES) {
      AttributeValue value = span.attributes().get(name);
      if (value == null) continue;
      try {
        return Integer.parseInt(value.asText().strip());
      } catch (NumberFormatException e) {
        // A status that is not a number cannot be searched for by number.
      }
    }
    return null;
  }

  private static boolean inRange(SearchQuery query, long startNanos) {
    return startNanos >= query.fromEpochNanos() && startNanos <= query.toEpochNanos();
  }

  private static boolean spanMatches(SearchQuery query, Span span) {
    if (query.service() != null && !query.service().equals(span.serviceName())) return false;
    if (query.operation() != null && !query.operation().equals(span.name())) return false;
    if (query.minDurationNanos() != null && span.durationNanos() < query.minDurationNanos()) return false;
    if (query.maxDurationNanos() != null && span.durationNanos() > query.maxDurationNanos()) return false;
    for (Map.Entry<String, String> wanted : query.attributes().entrySet()) {
      AttributeValue value = span.attributes().get(wanted.getKey());
      if (value == null) value = span.resource().attributes().get(wanted.getKey());
      if (value == null || !wanted.getValue().equals(value.asText())) return false;
    }
    return true;
  }

  private static boolean resourceMatches(SearchQuery query, RumResource resource) {
    if (!Objects.equals(query.appId(), resource.context().appId())) return false;
    if (query.sessionId() != null && !query.sessionId().equals(resource.context().sessionId())) return false;
    if (query.viewId() != null && !query.viewId().equals(resource.context().viewId())) return false;
    return query.urlPattern() == null || query.urlPattern().equals(UrlPattern.of(resource.url()));
  }

  private static boolean hasError(TraceRecords trace) {
    return trace.spans().stream().anyMatch(s -> s.status().isError())
        || trace.resources().stream().anyMatch(SearchMatcher::isFailed);
  }

  /**
   * What a search result shows of a trace, without checking any criterion: its start and duration over
   * every span and resource, its first root span (or first browser request when it has no spans), its
   * fullest id, its counts and whether anything in it failed.
   */
  public static TraceSummary summarize(TraceRecords trace) {
    requireNonNull(trace, "trace");
    long start = Long.MAX_VALUE;
    long end = Long.MIN_VALUE;
    TraceId id = null;
    Set<SpanId> spanIds = new HashSet<>();
    for (Span span : trace.spans()) spanIds.add(span.spanId());
    Span root = null;
    for (Span span : trace.spans()) {
      start = Math.min(start, span.startEpochNanos());
      end = Math.max(end, span.endEpochNanos());
      id = moreComplete(id, span.traceId());
      // A span whose parent is not here is a root as far as this trace can tell (the parent may be a
      // browser resource, or not have arrived yet).
      boolean isRoot = span.parentSpanId() == null || !spanIds.contains(span.parentSpanId());
      if (isRoot && (root == null || span.startEpochNanos() < root.startEpochNanos())) root = span;
    }
    RumResource firstResource = null;
    for (RumResource resource : trace.resources()) {
      start = Math.min(start, resource.epochNanos());
      end = Math.max(end, resource.epochNanos() + resource.durationNanos());
      for (PropagatedContext context : resource.propagation()) id = moreComplete(id, context.traceId());
      if (firstResource == null || resource.epochNanos() < firstResource.epochNanos()) firstResource = resource;
    }
    String rootService = root != null ? root.serviceName()
        : firstResource != null ? firstResource.context().appId() : "";
    String rootName = root != null ? root.name()
        : firstResource != null ? firstResource.method() + " " + firstResource.url() : "";
    TraceId traceId = id != null ? id : TraceId.of(0, trace.key().value());
    return new TraceSummary(traceId, start, Math.max(0, end - start), rootService, rootName,
        trace.spans().size(), trace.resources().size(), hasError(trace));
  }

  /** Prefers an id with all 128 bits over one that knows only the low 64. */
  private static TraceId moreComplete(@Nullable TraceId current, TraceId candidate) {
    if (current == null) return candidate;
    return current.is64Bit() && !candidate.is64Bit() ? candidate : current;
  }
}
