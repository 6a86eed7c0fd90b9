package dev.tracebridge.rum;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * A token bucket per application. A batch larger than the bucket passes when the bucket is full and
 * leaves it in debt, which delays that app's next batch: an SDK's batch size is not the operator's to
 * choose, and refusing it forever would lose the data.
 */
final class AppRateLimiter {
  /**
   * Seconds of allowance a bucket holds: SDKs flush every few seconds and on page hide, so a full page's
   * flush fits without evening out the rate over a shorter window than that.
   */
  static final double BURST_SECONDS = 10;
  /**
   * Buckets kept before full ones are dropped (a full bucket is the state a new one starts in, so dropping
   * it loses nothing). Without an allow-list the app id is client input; this bounds the memory it costs.
   */
  static final int MAX_TRACKED_APPS = 10_000;
  /** Apps past {@link #MAX_TRACKED_APPS} share one bucket rather than growing the map. */
  private static final String OVERFLOW_BUCKET = "";
  private static final double NANOS_PER_SECOND = 1e9;

  private final double perSecond;
  private final double capacity;
  private final LongSupplier nanoClock;
  private final Map<String, Bucket> buckets = new HashMap<>();

  AppRateLimiter(double perSecond, LongSupplier nanoClock) {
    this.perSecond = perSecond;
    this.capacity = Math.max(1, perSecond * BURST_SECONDS);
    this.nanoClock = nanoClock;
  }

  /**
   * Takes the events of one batch from each app's bucket, all or nothing. Returns null when they fit, or
   * how long the client should wait before retrying.
   */
  synchronized @Nullable Duration tryAcquire(Map<String, Integer> eventsPerApp) {
    long now = nanoClock.getAsLong();
    double longestWaitSeconds = 0;
    Map<Bucket, Integer> wanted = new HashMap<>();
    for (Map.Entry<String, Integer> e : eventsPerApp.entrySet()) {
      Bucket bucket = bucket(e.getKey(), now);
      bucket.refill(now);
      wanted.merge(bucket, e.getValue(), Integer::sum);
    }
    for (Map.Entry<Bucket, Integer> e : wanted.entrySet()) {
      double needed = Math.min(e.getValue(), capacity);
      if (e.getKey().tokens < needed) {
        longestWaitSeconds = Math.max(longestWaitSeconds, (needed - e.getKey().tokens) / perSecond);
      }
    }
    if (longestWaitSeconds > 0) return Duration.ofNanos((long) Math.ceil(longestWaitSeconds * NANOS_PER_SECOND));
    wanted.forEach((bucket, count) -> bucket.tokens -= count);
    return null;
  }

  private Bucket bucket(String app, long now) {
    Bucket existing = buckets.get(app);
    if (existing != null) return existing;
    if (buckets.size() >= MAX_TRACKED_APPS) {
      buckets.values().removeIf(b -> {
        b.refill(now);
        return b.tokens >= capacity;
      });
      if (buckets.size() >= MAX_TRACKED_APPS) {
        return buckets.computeIfAbsent(OVERFLOW_BUCKET, k -> new Bucket(capacity, now));
      }
    }
    Bucket created = new Bucket(capacity, now);
    buckets.put(app, created);
    return created;
  }

  private final class Bucket {
    private double tokens;
    private long refilledAt;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.refilledAt = now;
    }

    void refill(long now) {
      double elapsedSeconds = (now - refilledAt) / NANOS_PER_SECOND;
      if (elapsedSeconds > 0) {
        tokens = Math.min(capacity, tokens + elapsedSeconds * perSecond);
        refilledAt = now;
      }
    }
  }
}
