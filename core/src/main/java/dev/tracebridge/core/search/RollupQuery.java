package dev.tracebridge.core.search;

import org.jspecify.annotations.Nullable;

/**
 * Which rollups to read: the minutes {@code [fromEpochMinute, toEpochMinute)} and, for each dimension
 * given, rows whose dimension equals it (null: any value).
 */
public record RollupQuery(
    long fromEpochMinute,
    long toEpochMinute,
    @Nullable String appId,
    @Nullable String viewRoute,
    @Nullable String urlPattern,
    @Nullable String service,
    @Nullable String operation) {

  /** A day of minutes: more belongs in a coarser rollup than one read returns. */
  public static final long MAX_MINUTES = 24 * 60;

  public RollupQuery {
    if (toEpochMinute <= fromEpochMinute) {
      throw new IllegalArgumentException("toEpochMinute: " + toEpochMinute + " (expected: > fromEpochMinute "
          + fromEpochMinute + ")");
    }
    if (toEpochMinute - fromEpochMinute > MAX_MINUTES) {
      throw new IllegalArgumentException("minutes: " + (toEpochMinute - fromEpochMinute) + " (expected: at most "
          + MAX_MINUTES + ")");
    }
  }

  public static RollupQuery minutes(long fromEpochMinute, long toEpochMinute) {
    return new RollupQuery(fromEpochMinute, toEpochMinute, null, null, null, null, null);
  }

  public boolean matches(RollupKey key) {
    return (appId == null || appId.equals(key.appId()))
        && (viewRoute == null || viewRoute.equals(key.viewRoute()))
        && (urlPattern == null || urlPattern.equals(key.urlPattern()))
        && (service == null || service.equals(key.service()))
        && (operation == null || operation.equals(key.operation()));
  }
}
