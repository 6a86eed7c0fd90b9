package dev.tracebridge.api.selfmetrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EngineMetricsTest {
  private final EngineMetrics metrics = new EngineMetrics();

  @Test
  void countersAndGauges_renderInPrometheusTextFormat() {
    metrics.spansStored("/v1/traces", "http", 3);
    metrics.spansStored("/v1/traces", "http", 2);
    metrics.rejected(RejectReason.UNAUTHENTICATED, 1);
    metrics.verdictsDecided("linked", 4);
    metrics.gauge("tracebridge_test_queue_depth", "A queue.", () -> 7);

    String text = metrics.render();

    assertThat(text).contains("# TYPE tracebridge_ingest_spans_total counter\n")
        .contains("tracebridge_ingest_spans_total{endpoint=\"/v1/traces\",protocol=\"http\"} 5\n")
        .contains("tracebridge_ingest_rejected_total{reason=\"unauthenticated\"} 1\n")
        .contains("tracebridge_verdicts_total{verdict=\"linked\"} 4\n")
        .contains("# TYPE tracebridge_test_queue_depth gauge\ntracebridge_test_queue_depth 7\n");
  }

  @Test
  void writeLatency_isACumulativeHistogramAndInFlightReturnsToZero() {
    long first = metrics.writeStarted();
    long second = metrics.writeStarted();
    assertThat(metrics.render()).contains("tracebridge_store_writes_in_flight 2\n");
    metrics.writeEnded(first);
    metrics.writeEnded(second);

    String text = metrics.render();

    assertThat(text).contains("tracebridge_store_writes_in_flight 0\n")
        .contains("tracebridge_store_write_seconds_bucket{le=\"10.0\"} 2\n")
        .contains("tracebridge_store_write_seconds_bucket{le=\"+Inf\"} 2\n")
        .contains("tracebridge_store_write_seconds_count 2\n");
  }

  @Test
  void labelValues_areEscaped() {
    metrics.answered("/v1/\"odd\"\npath", "http", "404");

    assertThat(metrics.render()).contains("endpoint=\"/v1/\\\"odd\\\"\\npath\"");
  }

  @Test
  void gaugeOutsideTheNamespace_isRefused() {
    assertThatThrownBy(() -> metrics.gauge("queue_depth", "x", () -> 1))
        .hasMessage("name: 'queue_depth' (expected: starting with tracebridge_)");
  }
}
