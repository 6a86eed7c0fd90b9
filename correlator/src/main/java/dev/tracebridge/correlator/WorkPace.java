package dev.tracebridge.correlator;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Spreads a background job's work evenly in time: the {@code n}th unit is due {@code n} units' share of time
 * after the job started, and a job ahead of that waits. The metric rollup and the propagation checker read
 * and write as fast as Cassandra answers otherwise, and on a 2-core machine each took most of it for seconds
 * once a minute while ingest beside them refused exports (docs/benchmarks.md, "End-to-end load", session 12).
 * A job that falls behind its pace never waits.
 */
public final class WorkPace {
  /** Never waits. */
  public static final WorkPace NONE = new WorkPace(0, 0);
  private static final double NANOS_PER_SECOND = 1e9;

  private final double nanosPerUnit;
  private final long startedNanos;

  private WorkPace(double nanosPerUnit, long startedNanos) {
    this.nanosPerUnit = nanosPerUnit;
    this.startedNanos = startedNanos;
  }

  /** At most {@code unitsPerSecond} units a second from now on. */
  public static WorkPace perSecond(double unitsPerSecond) {
    if (!(unitsPerSecond > 0)) throw new IllegalArgumentException("unitsPerSecond: " + unitsPerSecond);
    return new WorkPace(NANOS_PER_SECOND / unitsPerSecond, System.nanoTime());
  }

  /** {@code units} units spread over {@code spread} from now on; {@link #NONE} for no units or no spread. */
  public static WorkPace over(long units, Duration spread) {
    if (units <= 0 || spread.isZero()) return NONE;
    return new WorkPace((double) spread.toNanos() / units, System.nanoTime());
  }

  /** Waits until the unit after {@code unitsDone} is due. */
  public void awaitTurn(long unitsDone) throws InterruptedException {
    if (this == NONE) return;
    long wait = waitNanos(unitsDone, System.nanoTime() - startedNanos);
    if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
  }

  /** How long a job that has done {@code unitsDone} units {@code elapsedNanos} after its start waits. */
  long waitNanos(long unitsDone, long elapsedNanos) {
    return Math.max(0, (long) (unitsDone * nanosPerUnit) - elapsedNanos);
  }
}
