package dev.tracebridge.api.metrics;

import dev.tracebridge.core.search.LatencyHistogram;
import dev.tracebridge.core.search.MetricRollup;
import dev.tracebridge.core.search.RollupKey;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The last final minute's rollups in Prometheus' text exposition format (version 0.0.4), written by
 * hand: gauges per app, view route, URL pattern, service and operation, latency quantiles in seconds.
 * Values describe one minute, named by {@code tracebridge_rollup_minute_start_seconds}; a scraper
 * sees each minute's values for a minute.
 */
final class PrometheusExposition {
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  static final double[] QUANTILES = {0.5, 0.75, 0.95, 0.99};
  private static final double NANOS_PER_SECOND = 1e9;

  private PrometheusExposition() {}

  static String render(long epochMinute, List<MetricRollup> rows) {
    StringBuilder out = new StringBuilder();
    header(out, "tracebridge_rollup_minute_start_seconds",
        "Start of the minute the other tracebridge_ values describe.");
    out.append("tracebridge_rollup_minute_start_seconds ").append(epochMinute * 60).append('\n');
    header(out, "tracebridge_requests", "Front-to-back requests that started in the minute.");
    for (MetricRollup row : rows) sample(out, "tracebridge_requests", row.key(), null, Long.toString(row.count()));
    header(out, "tracebridge_request_errors", "Those of them that failed (no response, 5xx, or an error span).");
    for (MetricRollup row : rows) {
      sample(out, "tracebridge_request_errors", row.key(), null, Long.toString(row.errors()));
    }
    quantiles(out, rows, "tracebridge_request_total_seconds", "Front-to-back latency quantiles.", MetricRollup::total);
    quantiles(out, rows, "tracebridge_request_network_seconds",
        "Network time quantiles (phases and first-byte wait outside the backend).", MetricRollup::network);
    quantiles(out, rows, "tracebridge_request_backend_seconds",
        "Backend time quantiles (the serving span inside the first-byte wait).", MetricRollup::backend);
    return out.toString();
  }

  /** What stands for the rollups when they could not be read: a gauge an alert can fire on. */
  static String unavailable() {
    StringBuilder out = new StringBuilder();
    header(out, "tracebridge_rollups_unavailable", "1 when this scrape could not read the rollups from the store.");
    out.append("tracebridge_rollups_unavailable 1\n");
    return out.toString();
  }

  private static void quantiles(StringBuilder out, List<MetricRollup> rows, String name, String help,
      Function<MetricRollup, LatencyHistogram> part) {
    header(out, name, help);
    for (MetricRollup row : rows) {
      LatencyHistogram histogram = part.apply(row);
      if (histogram.count() == 0) continue;
      for (double q : QUANTILES) {
        sample(out, name, row.key(), Double.toString(q), seconds(histogram.percentileNanos(q)));
      }
    }
  }

  private static void header(StringBuilder out, String name, String help) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(" gauge\n");
  }

  private static void sample(StringBuilder out, String name, RollupKey key, @Nullable String quantile,
      String value) {
    out.append(name).append("{app=\"").append(escape(key.appId()))
        .append("\",view_route=\"").append(escape(key.viewRoute()))
        .append("\",url=\"").append(escape(key.urlPattern())).append("\",service=\"").append(escape(key.service()))
        .append("\",operation=\"").append(escape(key.operation())).append('"');
    if (quantile != null) out.append(",quantile=\"").append(quantile).append('"');
    out.append("} ").append(value).append('\n');
  }

  private static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.6f", nanos / NANOS_PER_SECOND);
  }

  /** The format's label escapes: backslash, double quote and line feed. */
  static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
