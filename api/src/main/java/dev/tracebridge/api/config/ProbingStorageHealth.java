package dev.tracebridge.api.config;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.model.TraceKey;
import dev.tracebridge.core.storage.TraceStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Readiness by asking the store a real question. The driver's view of its nodes stays UP while a node
 * is frozen (its sockets stay open until heartbeats time out), so readiness also reads one partition and
 * counts the store down when the answer does not come within {@link #PROBE_TIMEOUT}. The verdict is kept
 * for {@link #CACHE_FOR}, so a load balancer polling often does not turn into load on Cassandra.
 */
final class ProbingStorageHealth implements StorageHealth {
  /** Well under the ingest request timeout: readiness must turn before clients start timing out. */
  static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
  static final Duration CACHE_FOR = Duration.ofSeconds(1);
  /** No trace has key 0 (the low half of an id is never all zero with a random id): an empty read. */
  private static final TraceKey PROBE_KEY = new TraceKey(0);

  private final TraceStore store;
  private final BooleanSupplier driverSaysUp;
  private final LongSupplier nanoClock;
  private volatile long checkedAtNanos;
  private volatile boolean up;
  private volatile boolean checked;

  ProbingStorageHealth(TraceStore store, BooleanSupplier driverSaysUp, LongSupplier nanoClock) {
    this.store = requireNonNull(store, "store");
    this.driverSaysUp = requireNonNull(driverSaysUp, "driverSaysUp");
    this.nanoClock = requireNonNull(nanoClock, "nanoClock");
  }

  @Override
  public boolean isUp() {
    long now = nanoClock.getAsLong();
    if (checked && now - checkedAtNanos < CACHE_FOR.toNanos()) return up;
    boolean result = driverSaysUp.getAsBoolean() && answers();
    up = result;
    checkedAtNanos = now;
    checked = true;
    return result;
  }

  private boolean answers() {
    try {
      store.readTrace(PROBE_KEY).toCompletableFuture().get(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception e) {
      return false;
    }
  }
}
