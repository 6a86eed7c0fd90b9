package dev.tracebridge.core.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryMetricRollupsTest {
  private static final RollupKey CART = new RollupKey("shop", "shop.example/cart", "api.shop.example/cart", "cart", "GET /cart");
  private static final RollupKey DB = new RollupKey("", "", "", "db", "SELECT");

  @Test
  void sameMinuteWrittenTwice_keepsTheLastRow() throws Exception {
    InMemoryMetricRollups rollups = new InMemoryMetricRollups();
    rollups.write(List.of(rollup(CART, 100, 5))).toCompletableFuture().get();
    rollups.write(List.of(rollup(CART, 100, 7))).toCompletableFuture().get();

    List<MetricRollup> read = rollups.read(RollupQuery.minutes(100, 101)).toCompletableFuture().get();

    assertThat(read).extracting(MetricRollup::count).containsExactly(7L);
  }

  @Test
  void query_filtersByDimensionAndMinute() throws Exception {
    InMemoryMetricRollups rollups = new InMemoryMetricRollups();
    rollups.write(List.of(rollup(CART, 100, 1), rollup(DB, 100, 2), rollup(CART, 102, 3))).toCompletableFuture().get();

    List<MetricRollup> read = rollups.read(new RollupQuery(100, 102, null, null, null, "cart", null))
        .toCompletableFuture().get();

    assertThat(read).extracting(MetricRollup::count).containsExactly(1L);
  }

  @Test
  void minutesOlderThanRetention_areDropped() throws Exception {
    InMemoryMetricRollups rollups = new InMemoryMetricRollups(Duration.ofMinutes(10));
    rollups.write(List.of(rollup(CART, 100, 1))).toCompletableFuture().get();
    rollups.write(List.of(rollup(CART, 200, 1))).toCompletableFuture().get();

    assertThat(rollups.read(RollupQuery.minutes(0, 300)).toCompletableFuture().get())
        .extracting(MetricRollup::epochMinute).containsExactly(200L);
  }

  private static MetricRollup rollup(RollupKey key, long minute, long count) {
    LatencyHistogram.Builder b = LatencyHistogram.builder();
    for (int i = 0; i < count; i++) b.record(1_000_000);
    return new MetricRollup(key, minute, count, 0, b.build(), b.build(), b.build(), true);
  }
}
