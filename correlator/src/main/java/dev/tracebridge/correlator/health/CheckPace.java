package dev.tracebridge.correlator.health;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Spreads the deciding of one arrival minute over about {@link PropagationCheckSettings#spread}. Deciding
 * a check reads its trace and writes its verdict (a lightweight transaction) and the verdict's rows; done as
 * fast as the store answers, a busy minute's checks took most of a 2-core machine for seconds, once a
 * minute, and the ingest running beside them refused exports meanwhile. Paced, the same work comes at a
 * steady rate. The work is counted in steps of a chunk: each check is read once and stored once, so a
 * minute is twice its checks (the fallback look-ups of the few without a linked span go uncounted, at the
 * same pace).
 */
final class CheckPace {
  /** Decides at once. */
  static final CheckPace NONE = new CheckPace(0, 0, 0);

  private final long units;
  private final long spreadNanos;
  private final long startedNanos;

  private CheckPace(long units, long spreadNanos, long startedNanos) {
    this.units = units;
    this.spreadNanos = spreadNanos;
    this.startedNanos = startedNanos;
  }

  /**
   * The pace of one minute's {@code checks}: none when they fit into one chunk of {@code chunk} (there is
   * no burst to spread) or when {@code spread} is zero.
   */
  static CheckPace of(int checks, int chunk, Duration spread) {
    if (checks <= chunk || spread.isZero()) return NONE;
    return new CheckPace(2L * checks, spread.toNanos(), System.nanoTime());
  }

  /**
   * Waits until {@code unitsDone} of the minute's units are due. An interrupted wait ends the pacing (the
   * run goes on at once) and keeps the thread's interrupt status for the caller to see.
   */
  void awaitTurn(long unitsDone) {
    if (units == 0 || Thread.currentThread().isInterrupted()) return;
    long wait = waitNanos(unitsDone, units, spreadNanos, System.nanoTime() - startedNanos);
    if (wait <= 0) return;
    try {
      TimeUnit.NANOSECONDS.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** How long to wait before work past {@code unitsDone} of {@code units}, {@code elapsedNanos} into the spread. */
  static long waitNanos(long unitsDone, long units, long spreadNanos, long elapsedNanos) {
    long due = (long) ((double) unitsDone / units * spreadNanos);
    return Math.max(0, due - elapsedNanos);
  }
}
