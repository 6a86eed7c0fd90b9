package dev.tracebridge.core.health;

import java.util.List;

/**
 * The apps that have decided verdicts in a range of report hours: what a person picks an app's health
 * report from, instead of knowing its id by heart.
 *
 * @param appIds RUM application ids, sorted, each once
 * @param partial true when the store stopped reading at its budget: apps of the oldest hours may be missing
 */
public record HealthApps(List<String> appIds, boolean partial) {

  public HealthApps {
    appIds = List.copyOf(appIds);
  }
}
