package dev.tracebridge.store.cassandra;

import dev.tracebridge.core.model.AttributeValue;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.rum.PropagatedContext;
import dev.tracebridge.core.rum.RumResource;
import dev.tracebridge.core.search.UrlPattern;
import dev.tracebridge.core.storage.TraceRecords;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Checks a candidate trace against every criterion of a query, on the rows themselves: the index
 * tables only narrow the candidates, this decides.
 */
final class TraceMatcher {
  /** Statuses from which a browser request counts as failed (0 is no response at all). */
  private static final int FIRST_SERVER_ERROR_STATUS = 500;

  private TraceMatcher() {}

  static Optional<TraceSummary> match(TraceQuery query, TraceRecords trace) {
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
        && trace.spans().stream().noneMatch(s -> status.equals(TraceIndexEntries.httpStatus(s)))
        && trace.resources().stream().noneMatch(r -> r.statusCode() == status)) {
      return Optional.empty();
    }
    if (query.errorsOnly() && !hasError(trace)) return Optional.empty();
    return Optional.of(summarize(trace));
  }

  private static boolean inRange(TraceQuery query, long startNanos) {
    return startNanos >= query.fromEpochNanos() && startNanos <= query.toEpochNanos();
  }

  private static boolean spanMatches(TraceQuery query, Span span) {
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

  private static boolean resourceMatches(TraceQuery query, RumResource resource) {
    if (!Objects.equals(query.appId(), resource.context().appId())) return false;
    if (query.sessionId() != null && !query.sessionId().equals(resource.context().sessionId())) return false;
    if (query.viewId() != null && !query.viewId().equals(resource.context().viewId())) return false;
    return query.urlPattern() == null || query.urlPattern().equals(UrlPattern.of(resource.url()));
  }

  private static boolean hasError(TraceRecords trace) {
    return trace.spans().stream().anyMatch(s -> s.status().isError())
        || trace.resources().stream().anyMatch(TraceMatcher::isFailed);
  }

  static TraceSummary summarize(TraceRecords trace) {
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

  /** A browser request that got no response (status 0) or a 5xx counts as failed. */
  static boolean isFailed(RumResource resource) {
    return resource.statusCode() == 0 || resource.statusCode() >= FIRST_SERVER_ERROR_STATUS;
  }
}
