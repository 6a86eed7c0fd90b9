package dev.tracebridge.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.core.join.JoinedTrace;
import dev.tracebridge.core.model.Attributes;
import dev.tracebridge.core.model.Resource;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.search.MetricRollup;
import java.util.List;
import org.junit.jupiter.api.Test;

class RollupAggregatorTest {

  @Test
  void backendEntrySpan_isCountedWithoutNetworkTime() {
    RollupAggregator aggregator = new RollupAggregator(5);
    aggregator.add(trace(1, "orders", "GET /orders", 40));
    aggregator.add(trace(2, "orders", "GET /orders", 60));

    List<MetricRollup> rows = aggregator.rollups(true);

    assertThat(rows).hasSize(1);
    MetricRollup row = rows.get(0);
    assertThat(row.key().appId()).isEmpty();
    assertThat(row.key().service()).isEqualTo("orders");
    assertThat(row.count()).isEqualTo(2);
    assertThat(row.backend().maxNanos()).isEqualTo(60_000_000);
    assertThat(row.network().count()).isZero();
  }

  @Test
  void keysBeyondTheBound_foldIntoOneOtherRow() {
    RollupAggregator aggregator = new RollupAggregator(5);
    for (int i = 0; i < RollupAggregator.MAX_SERIES_PER_MINUTE + 10; i++) {
      aggregator.add(trace(i + 1, "svc", "op-" + i, 1));
    }

    List<MetricRollup> rows = aggregator.rollups(true);

    assertThat(rows).hasSize(RollupAggregator.MAX_SERIES_PER_MINUTE + 1);
    assertThat(rows.get(rows.size() - 1).key().service()).isEqualTo(RollupAggregator.OTHER);
    assertThat(rows.get(rows.size() - 1).count()).isEqualTo(10);
  }

  private static JoinedTrace trace(long id, String service, String name, long millis) {
    TraceId traceId = TraceId.of(0, id);
    Span span = Span.builder().traceId(traceId).spanId(SpanId.of(id)).name(name).startEpochNanos(0)
        .endEpochNanos(millis * 1_000_000).resource(Resource.of(Attributes.builder().put("service.name", service).build()))
        .build();
    return new JoinedTrace(traceId, List.of(span), List.of(), List.of(), List.of());
  }
}
