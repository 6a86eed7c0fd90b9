package dev.tracebridge.core.health;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.model.TraceKey;

/**
 * A traced RUM resource waiting for its verdict, written when the resource arrives. It names only where
 * the resource is stored (its trace partition and event id): the checker reads the resource itself from
 * there, so a check holds nothing that could disagree with the stored resource.
 *
 * @param receivedAtNanos when the engine received the resource, by the engine's clock: checks are
 *     bucketed by arrival, not by the browser's (skewed) clock, so a beacon that arrives an hour late is
 *     still checked a grace period after it arrived
 */
public record PendingCheck(String appId, String eventId, TraceKey traceKey, long receivedAtNanos) {
  /**
   * Checks are grouped by arrival minute. A minute keeps a bucket's partition small at thousands of
   * resources a second, and the checker, run every 30 s or so, decides each bucket soon after it is due.
   */
  public static final long BUCKET_NANOS = 60_000_000_000L;

  public PendingCheck {
    requireNonNull(appId, "appId");
    requireNonNull(eventId, "eventId");
    requireNonNull(traceKey, "traceKey");
  }

  public long bucket() {
    return bucketOf(receivedAtNanos);
  }

  public static long bucketOf(long epochNanos) {
    return Math.floorDiv(epochNanos, BUCKET_NANOS);
  }

  /** When the bucket's last minute ends: its checks are due a grace period after that. */
  public static long bucketEndNanos(long bucket) {
    return (bucket + 1) * BUCKET_NANOS;
  }
}
