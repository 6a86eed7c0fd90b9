package dev.tracebridge.core.search;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A trace search. Every given criterion must hold. The span criteria (service, operation, duration
 * range, attributes) must all hold for one and the same span; the RUM criteria (app, session, view, URL
 * pattern) for one and the same browser resource. {@code httpStatus} matches a span's HTTP status
 * attribute or a resource's status; {@code errorsOnly} a span with status ERROR or a resource that
 * failed (no response, or 5xx). A trace matches the time range when any of its spans or resources
 * started inside it.
 *
 * <p>A store reads candidates from an index: service, session, view or URL pattern
 * ({@link #hasIndexCriterion()}). A query with none of them is a time-range scan, which a store may
 * refuse with {@link SearchUnsupportedException}.
 *
 * @param limit the most traces to return: distinct traces, however many spans matched in each
 */
public record SearchQuery(
    long fromEpochNanos,
    long toEpochNanos,
    @Nullable String service,
    @Nullable String operation,
    @Nullable Long minDurationNanos,
    @Nullable Long maxDurationNanos,
    boolean errorsOnly,
    @Nullable Integer httpStatus,
    @Nullable String appId,
    @Nullable String sessionId,
    @Nullable String viewId,
    @Nullable String urlPattern,
    Map<String, String> attributes,
    int limit) {

  public static final int DEFAULT_LIMIT = 20;
  /** Each result is a trace read and checked; more than this belongs in an export, not a search. */
  public static final int MAX_LIMIT = 1_000;

  public SearchQuery {
    attributes = Map.copyOf(attributes);
    if (toEpochNanos < fromEpochNanos) {
      throw new IllegalArgumentException("toEpochNanos: " + toEpochNanos + " (expected: >= fromEpochNanos "
          + fromEpochNanos + ")");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit: " + limit + " (expected: 1 to " + MAX_LIMIT + ")");
    }
    if (minDurationNanos != null && minDurationNanos < 0) {
      throw new IllegalArgumentException("minDurationNanos: " + minDurationNanos + " (expected: >= 0)");
    }
    if (minDurationNanos != null && maxDurationNanos != null && maxDurationNanos < minDurationNanos) {
      throw new IllegalArgumentException("maxDurationNanos: " + maxDurationNanos
          + " (expected: >= minDurationNanos " + minDurationNanos + ")");
    }
    if (operation != null && service == null) {
      throw new IllegalArgumentException("operation: '" + operation + "' (expected: with a service)");
    }
    if ((sessionId != null || viewId != null || urlPattern != null) && appId == null) {
      throw new IllegalArgumentException("appId: missing (expected: with a session, view or URL pattern)");
    }
    if (urlPattern != null) urlPattern = UrlPattern.of(urlPattern);
  }

  public static Builder builder(long fromEpochNanos, long toEpochNanos) {
    return new Builder(fromEpochNanos, toEpochNanos);
  }

  /** Whether a store can read candidates from an index rather than scan a time range. */
  public boolean hasIndexCriterion() {
    return service != null || sessionId != null || viewId != null || urlPattern != null;
  }

  /** Whether a criterion applies to one span. */
  public boolean hasSpanCriteria() {
    return service != null || minDurationNanos != null || maxDurationNanos != null || !attributes.isEmpty();
  }

  /** Whether a criterion applies to one browser resource. */
  public boolean hasResourceCriteria() {
    return appId != null;
  }

  /** The same criteria over another time range and limit: paging and period comparisons use it. */
  public SearchQuery withRange(long from, long to, int newLimit) {
    return new SearchQuery(from, to, service, operation, minDurationNanos, maxDurationNanos, errorsOnly,
        httpStatus, appId, sessionId, viewId, urlPattern, attributes, newLimit);
  }

  /** Collects criteria; unset ones do not constrain the search. */
  public static final class Builder {
    private final long from;
    private final long to;
    private @Nullable String service;
    private @Nullable String operation;
    private @Nullable Long minDuration;
    private @Nullable Long maxDuration;
    private boolean errorsOnly;
    private @Nullable Integer httpStatus;
    private @Nullable String appId;
    private @Nullable String sessionId;
    private @Nullable String viewId;
    private @Nullable String urlPattern;
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private int limit = DEFAULT_LIMIT;

    private Builder(long from, long to) {
      this.from = from;
      this.to = to;
    }

    public Builder service(@Nullable String service) { this.service = service; return this; }
    public Builder operation(@Nullable String operation) { this.operation = operation; return this; }
    public Builder minDurationNanos(@Nullable Long nanos) { this.minDuration = nanos; return this; }
    public Builder maxDurationNanos(@Nullable Long nanos) { this.maxDuration = nanos; return this; }
    public Builder errorsOnly(boolean errorsOnly) { this.errorsOnly = errorsOnly; return this; }
    public Builder httpStatus(@Nullable Integer status) { this.httpStatus = status; return this; }
    public Builder appId(@Nullable String appId) { this.appId = appId; return this; }
    public Builder sessionId(@Nullable String sessionId) { this.sessionId = sessionId; return this; }
    public Builder viewId(@Nullable String viewId) { this.viewId = viewId; return this; }
    public Builder urlPattern(@Nullable String pattern) { this.urlPattern = pattern; return this; }

    public Builder attribute(String key, String value) {
      attributes.put(requireNonNull(key, "key"), requireNonNull(value, "value"));
      return this;
    }

    public Builder limit(int limit) { this.limit = limit; return this; }

    public SearchQuery build() {
      return new SearchQuery(from, to, service, operation, minDuration, maxDuration, errorsOnly, httpStatus,
          appId, sessionId, viewId, urlPattern, attributes, limit);
    }
  }
}
