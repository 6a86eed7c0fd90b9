package dev.tracebridge.api.ingest;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * A token bucket of spans per client (an ingest key, or a remote address when no keys are configured),
 * holding one second's worth. An export is charged its span count as a whole: it passes when the bucket
 * holds that many, and waits otherwise. An export larger than the whole bucket could never be paid for, so
 * it passes when the bucket is full and leaves it in debt: the client's next exports wait until the debt
 * is paid off at its rate, and the average stays the configured one.
 *
 * <p>A bucket is kept as the instant it will be full again rather than as a fractional token count
 * (tokens = rate x (one second - time until full)), so every comparison is exact in whole nanoseconds and
 * a client told to wait d is admitted after d, never refused again by a rounding error.
 */
public final class ClientSpanLimiter {
  /** Buckets tracked at once (bounded memory, invariant 4); past it, full buckets are forgotten. */
  static final int MAX_CLIENTS = 10_000;
  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  /** How far a bucket may be from full and still pay: one second's worth of spans. */
  private static final long BURST_NANOS = NANOS_PER_SECOND;
  /**
   * The largest debt one export can run up, about 36 years at its rate: only there so the arithmetic on
   * nanosecond instants cannot overflow at absurd settings (0.001 spans a second and 10 million spans).
   */
  private static final long MAX_COST_NANOS = Long.MAX_VALUE / 8;

  private final double perSecond;
  private final LongSupplier nanoClock;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  /** {@code perSecond} spans per second per client; 0 admits everything. */
  public ClientSpanLimiter(double perSecond, LongSupplier nanoClock) {
    if (!(perSecond >= 0) || Double.isInfinite(perSecond)) {
      throw new IllegalArgumentException("tracebridge.ingest.per-client-spans-per-second: " + perSecond
          + " (expected: >= 0, 0 = unlimited)");
    }
    this.perSecond = perSecond;
    this.nanoClock = requireNonNull(nanoClock, "nanoClock");
  }

  public boolean limited() {
    return perSecond > 0;
  }

  public double perSecond() {
    return perSecond;
  }

  /**
   * Null when {@code client} may store {@code spans} now (they are charged), else how long until it may;
   * a refused export is not charged.
   */
  public @Nullable Duration tryCharge(String client, int spans) {
    requireNonNull(client, "client");
    if (spans < 0) throw new IllegalArgumentException("spans: " + spans + " (expected: >= 0)");
    if (!limited() || spans == 0) return null;
    long now = nanoClock.getAsLong();
    if (buckets.size() >= MAX_CLIENTS && !buckets.containsKey(client)) forgetFull(now);
    Bucket bucket = buckets.computeIfAbsent(client, c -> new Bucket(now));
    long cost = costNanos(spans);
    synchronized (bucket) {
      // Instants are compared by their difference: System.nanoTime may have any origin, even wrap.
      long untilFull = Math.max(0, bucket.fullAtNanos - now);
      boolean full = untilFull == 0;
      if (full || untilFull + cost <= BURST_NANOS) {
        bucket.fullAtNanos = now + untilFull + cost;
        return null;
      }
      // An export the bucket can hold waits until it holds that much; a larger one until it is full.
      long wait = cost <= BURST_NANOS ? untilFull + cost - BURST_NANOS : untilFull;
      return Duration.ofNanos(wait);
    }
  }

  int trackedClients() {
    return buckets.size();
  }

  private long costNanos(int spans) {
    double nanos = Math.ceil(spans * (NANOS_PER_SECOND / perSecond));
    return nanos >= MAX_COST_NANOS ? MAX_COST_NANOS : (long) nanos;
  }

  private void forgetFull(long now) {
    buckets.entrySet().removeIf(e -> {
      synchronized (e.getValue()) {
        return e.getValue().fullAtNanos - now <= 0;
      }
    });
  }

  /** Guarded by its own monitor. */
  private static final class Bucket {
    /** When the bucket holds one second's worth again; at or before now, it is full. */
    long fullAtNanos;

    Bucket(long now) {
      this.fullAtNanos = now;
    }
  }
}
