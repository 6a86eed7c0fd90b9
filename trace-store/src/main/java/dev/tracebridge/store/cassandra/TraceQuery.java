package dev.tracebridge.store.cassandra;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.search.UrlPattern;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A trace search. Every given criterion must hold. The span criteria (service, operation, duration
 * range, attributes) must all hold for one and the same span; the RUM criteria (app, session, view, URL
 * pattern) for one and the same browser resource. {@code httpStatus} matches a span's
 * http.response.status_code or a resource's status; {@code errorsOnly} a span with status ERROR or a
 * resource that failed. At least one of service, session, view or URL pattern names the index the
 * search reads; the rest are checked against each candidate trace.
 *
 * @param fromEpochNanos the earliest start of a matching span or resource
 * @param toEpochNanos the latest start of a matching span or resource
 * @param limit the most traces to return: distinct traces, however many spans matched in each
 */
public record TraceQuery(
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

  public TraceQuery {
    attributes = Map.copyOf(attributes);
    if (toEpochNanos < fromEpochNanos) {
      throw new IllegalArgumentException("toEpochNanos: " + toEpochNanos + " (expected: >= fromEpochNanos "
          + fromEpochNanos + ")");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit: " + limit + " (expected: 1 to " + MAX_LIMIT + ")");
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
    if (service == null && sessionId == null && viewId == null && urlPattern == null) {
      throw new IllegalArgumentException(
          "service, sessionId, viewId, urlPattern: all missing (expected: at least one to search by)");
    }
    if (urlPattern != null) urlPattern = UrlPattern.of(urlPattern);
  }

  public static Builder builder(Instant from, Instant to) {
    return new Builder(epochNanos(from), epochNanos(to));
  }

  /** Whether a criterion applies to one span. */
  boolean hasSpanCriteria() {
    return service != null || minDurationNanos != null || maxDurationNanos != null || !attributes.isEmpty();
  }

  /** Whether a criterion applies to one browser resource. */
  boolean hasResourceCriteria() {
    return appId != null;
  }

  private static long epochNanos(Instant instant) {
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
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

    public Builder service(String service) { this.service = requireNonNull(service, "service"); return this; }
    public Builder operation(String operation) { this.operation = requireNonNull(operation, "operation"); return this; }
    public Builder minDurationNanos(long nanos) { this.minDuration = nanos; return this; }
    public Builder maxDurationNanos(long nanos) { this.maxDuration = nanos; return this; }
    public Builder errorsOnly(boolean errorsOnly) { this.errorsOnly = errorsOnly; return this; }
    public Builder httpStatus(int status) { this.httpStatus = status; return this; }
    public Builder appId(String appId) { this.appId = requireNonNull(appId, "appId"); return this; }
    public Builder sessionId(String sessionId) { this.sessionId = requireNonNull(sessionId, "sessionId"); return this; }
    public Builder viewId(String viewId) { this.viewId = requireNonNull(viewId, "viewId"); return this; }
    public Builder urlPattern(String pattern) { this.urlPattern = requireNonNull(pattern, "pattern"); return this; }
    public Builder attribute(String key, String value) {
      attributes.put(requireNonNull(key, "key"), requireNonNull(value, "value"));
      return this;
    }
    public Builder limit(int limit) { this.limit = limit; return this; }

    public TraceQuery build() {
      return new TraceQuery(from, to, service, operation, minDuration, maxDuration, errorsOnly, httpStatus,
          appId, sessionId, viewId, urlPattern, attributes, limit);
    }
  }
}
