package dev.tracebridge.correlator.health;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.health.PropagationVerdict;
import java.util.Map;

/**
 * What one {@link PropagationChecker#runOnce} did, for logs and metrics.
 *
 * @param bucketsChecked arrival minutes decided in this run
 * @param lastBucketChecked the last of them; the checker's progress before the run when none
 * @param decided per verdict, how many resources now stand at it (a resource decided earlier by another
 *     node counts with the verdict that stands)
 * @param resourcesMissing checks whose resource was not in its trace partition: its write failed and the
 *     client was told to retry, so the retry carries a check of its own
 * @param bucketsBehind due arrival minutes left for the next runs
 */
public record CheckRun(
    int bucketsChecked, long lastBucketChecked, Map<PropagationVerdict, Integer> decided, int resourcesMissing,
    long bucketsBehind) {

  public CheckRun {
    decided = Map.copyOf(requireNonNull(decided, "decided"));
  }

  public int decidedTotal() {
    return decided.values().stream().mapToInt(Integer::intValue).sum();
  }
}
