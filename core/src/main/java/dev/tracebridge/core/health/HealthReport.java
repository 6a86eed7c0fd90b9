package dev.tracebridge.core.health;

import java.util.List;

/**
 * Verdict counts of an app over a time range, per hour, URL pattern, header formats and verdict.
 * Resources still pending are not in it: they appear once decided, a grace period after arrival.
 *
 * @param partial true when the store stopped reading at its budget: the counts are a lower bound
 */
public record HealthReport(List<HealthCount> counts, boolean partial) {

  public HealthReport {
    counts = List.copyOf(counts);
  }
}
