package dev.tracebridge.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.core.search.LatencyHistogram;
import dev.tracebridge.core.search.MetricRollup;
import dev.tracebridge.core.search.RollupKey;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrometheusExpositionTest {

  @Test
  void labelValues_areEscapedAsTheFormatRequires() {
    RollupKey key = new RollupKey("a\"pp", "v\\iew", "u\nrl", "svc", "op");
    MetricRollup row = new MetricRollup(key, 10, 2, 1, LatencyHistogram.of(1_000_000, 3_000_000),
        LatencyHistogram.empty(), LatencyHistogram.empty(), true);

    String text = PrometheusExposition.render(10, List.of(row));

    assertThat(text).contains("tracebridge_rollup_minute_start_seconds 600\n")
        .contains("tracebridge_requests{app=\"a\\\"pp\",view_route=\"v\\\\iew\",url=\"u\\nrl\",service=\"svc\","
            + "operation=\"op\"} 2\n")
        .contains(",quantile=\"0.99\"} 0.003000\n")
        .doesNotContain("tracebridge_request_network_seconds{");
  }

  @Test
  void lastClosedMinute_waitsForTheGracePeriod() {
    long minute = 28_000_000L;
    long minuteEndMillis = (minute + 1) * 60_000L;

    assertThat(RollupSchedule.lastClosedMinute(minuteEndMillis + RollupSchedule.GRACE.toMillis())).isEqualTo(minute);
    assertThat(RollupSchedule.lastClosedMinute(minuteEndMillis + RollupSchedule.GRACE.toMillis() - 1))
        .isEqualTo(minute - 1);
  }
}
