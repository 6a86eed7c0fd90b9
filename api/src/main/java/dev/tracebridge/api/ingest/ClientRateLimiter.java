package dev.tracebridge.api.ingest;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * A token bucket per client (an ingest key, or a remote address when no keys are configured). A bucket
 * holds one second's worth of requests, so an exporter's flush burst passes while a client that sends
 * faster than its rate for longer is told when to come back.
 */
public final class ClientRateLimiter {
  /**
   * Buckets tracked at once (bounded memory, invariant 4). Past it, buckets that have refilled completely,
   * whose clients are idle, are dropped: forgetting a full bucket changes no answer.
   */
  static final int MAX_CLIENTS = 10_000;
  private static final double NANOS_PER_SECOND = 1e9;
  /** An exporter flushes in bursts; at a rate below one a second, still let one request through at once. */
  private static final double MIN_BURST = 1;

  private final double perSecond;
  private final double burst;
  private final LongSupplier nanoClock;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  /** {@code perSecond} requests per second per client; 0 admits everything. */
  public ClientRateLimiter(double perSecond, LongSupplier nanoClock) {
    if (!(perSecond >= 0) || Double.isInfinite(perSecond)) {
      throw new IllegalArgumentException("tracebridge.ingest.per-client-requests-per-second: " + perSecond
          + " (expected: >= 0, 0 = unlimited)");
    }
    this.perSecond = perSecond;
    this.burst = Math.max(MIN_BURST, perSecond);
    this.nanoClock = requireNonNull(nanoClock, "nanoClock");
  }

  public boolean limited() {
    return perSecond > 0;
  }

  /** Null when {@code client} may go ahead (one token taken), else how long until a token is there. */
  public @Nullable Duration tryAcquire(String client) {
    requireNonNull(client, "client");
    if (!limited()) return null;
    long now = nanoClock.getAsLong();
    if (buckets.size() >= MAX_CLIENTS && !buckets.containsKey(client)) forgetIdle(now);
    Bucket bucket = buckets.computeIfAbsent(client, c -> new Bucket(burst, now));
    synchronized (bucket) {
      bucket.refill(now, perSecond, burst);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return null;
      }
      double missing = 1 - bucket.tokens;
      return Duration.ofNanos((long) Math.ceil(missing / perSecond * NANOS_PER_SECOND));
    }
  }

  int trackedClients() {
    return buckets.size();
  }

  private void forgetIdle(long now) {
    buckets.entrySet().removeIf(e -> {
      synchronized (e.getValue()) {
        e.getValue().refill(now, perSecond, burst);
        return e.getValue().tokens >= burst;
      }
    });
  }

  /** Guarded by its own monitor. */
  private static final class Bucket {
    double tokens;
    long updatedNanos;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.updatedNanos = now;
    }

    void refill(long now, double perSecond, double burst) {
      long elapsed = now - updatedNanos;
      if (elapsed <= 0) return;
      tokens = Math.min(burst, tokens + elapsed / NANOS_PER_SECOND * perSecond);
      updatedNanos = now;
    }
  }
}
