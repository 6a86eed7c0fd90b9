package dev.tracebridge.bench.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryBenchmarkTest {
  @Test
  void exposition_sumsEveryVerdictSeriesAndNothingElse() {
    String exposition = """
        # HELP tracebridge_verdicts_total Propagation-health verdicts decided by this node's checker, by verdict.
        # TYPE tracebridge_verdicts_total counter
        tracebridge_verdicts_total{verdict="linked"} 198
        tracebridge_verdicts_total{verdict="not_propagated"} 2
        tracebridge_verdicts_totally_other{verdict="linked"} 1000
        tracebridge_spans_received_total{protocol="otlp_http"} 40000
        """;

    assertThat(QueryBenchmark.verdictsDecided(exposition)).isEqualTo(200);
  }

  @Test
  void expositionBeforeAnyVerdict_isZero() {
    assertThat(QueryBenchmark.verdictsDecided("# TYPE tracebridge_verdicts_total counter\n")).isZero();
  }
}
