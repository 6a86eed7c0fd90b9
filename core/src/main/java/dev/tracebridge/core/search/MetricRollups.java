package dev.tracebridge.core.search;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Where per-minute metric rollups are kept. A minute is computed whole by one rollup pass and written
 * at once; writing the same minute and key again replaces the row, so a pass that is repeated (after a
 * restart, or by two engine nodes) changes nothing. Stages complete when the rows are durable by the
 * store's standard.
 */
public interface MetricRollups {

  CompletionStage<Void> write(List<MetricRollup> rollups);

  /** The rows of the query's minutes and dimensions, oldest minute first. */
  CompletionStage<List<MetricRollup>> read(RollupQuery query);
}
