package dev.tracebridge.store.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.tracebridge.core.search.LatencyHistogram;
import dev.tracebridge.core.search.MetricRollup;
import dev.tracebridge.core.search.RollupKey;
import dev.tracebridge.core.search.RollupQuery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Rollups in metric_rollups on a real node: round trip, replacement of a minute, filters, odd rows. */
class CassandraMetricRollupsTest {
  private static final long MS = 1_000_000L;
  private static CqlSession cql;
  /** Minutes of their own per test: random, a few days back, so tests never share a partition. */
  private final long minute = System.currentTimeMillis() / 60_000 - Duration.ofDays(3).toMinutes()
      - ThreadLocalRandom.current().nextLong(Duration.ofDays(1).toMinutes());
  private final CassandraMetricRollups rollups = CassandraMetricRollups.of(SharedNode.store());

  @BeforeAll
  static void openRawSession() {
    cql = CqlSession.builder().addContactPoint(SharedNode.node().contactPoint())
        .withLocalDatacenter(SharedNode.node().localDatacenter()).build();
  }

  @AfterAll
  static void closeRawSession() {
    cql.close();
  }

  @Test
  void writtenMinute_readsBackExactly_oldestMinuteFirst() throws Exception {
    MetricRollup checkout = rollup(minute, "shop-web", "checkout", 3, 1,
        LatencyHistogram.of(120 * MS, 80 * MS, 300 * MS), LatencyHistogram.of(20 * MS, 30 * MS, 25 * MS),
        LatencyHistogram.of(90 * MS, 40 * MS, 250 * MS), true);
    // A backend request no browser started: no network time measured.
    MetricRollup backendOnly = new MetricRollup(new RollupKey("", "", "", "billing", "charge"), minute, 2, 0,
        LatencyHistogram.of(5 * MS, 7 * MS), LatencyHistogram.empty(), LatencyHistogram.of(5 * MS, 7 * MS), false);
    MetricRollup nextMinute = rollup(minute + 1, "shop-web", "checkout", 1, 0, LatencyHistogram.of(MS),
        LatencyHistogram.of(MS), LatencyHistogram.of(MS), true);

    write(List.of(nextMinute, checkout, backendOnly));

    assertThat(read(RollupQuery.minutes(minute, minute + 2))).containsExactly(backendOnly, checkout, nextMinute);
    assertThat(read(RollupQuery.minutes(minute + 1, minute + 2))).containsExactly(nextMinute);
  }

  @Test
  void minuteWrittenAgain_isReplacedWhole_keysItNoLongerHasIncluded() throws Exception {
    MetricRollup a = rollup(minute, "shop-web", "a", 1, 0, LatencyHistogram.of(MS), LatencyHistogram.empty(),
        LatencyHistogram.empty(), false);
    MetricRollup b = rollup(minute, "shop-web", "b", 1, 0, LatencyHistogram.of(MS), LatencyHistogram.empty(),
        LatencyHistogram.empty(), false);
    write(List.of(a, b));
    MetricRollup recomputedA = rollup(minute, "shop-web", "a", 4, 2, LatencyHistogram.of(MS, 2 * MS, 3 * MS, 4 * MS),
        LatencyHistogram.empty(), LatencyHistogram.empty(), true);

    write(List.of(recomputedA));

    assertThat(read(RollupQuery.minutes(minute, minute + 1))).containsExactly(recomputedA);
  }

  @Test
  void twoPassesOverOneMinute_theLaterTimestampWinsWhole_whicheverArrivesLast() throws Exception {
    Instant now = Instant.now();
    CassandraMetricRollups later = new CassandraMetricRollups(SharedNode.store().session(),
        SharedNode.store().config(), Clock.fixed(now.plusSeconds(10), ZoneOffset.UTC));
    CassandraMetricRollups earlier = new CassandraMetricRollups(SharedNode.store().session(),
        SharedNode.store().config(), Clock.fixed(now, ZoneOffset.UTC));
    MetricRollup fromLater = rollup(minute, "shop-web", "later", 1, 0, LatencyHistogram.of(MS),
        LatencyHistogram.empty(), LatencyHistogram.empty(), true);
    MetricRollup fromEarlier = rollup(minute, "shop-web", "earlier", 1, 0, LatencyHistogram.of(MS),
        LatencyHistogram.empty(), LatencyHistogram.empty(), true);

    later.write(List.of(fromLater)).toCompletableFuture().get();
    earlier.write(List.of(fromEarlier)).toCompletableFuture().get();

    assertThat(read(RollupQuery.minutes(minute, minute + 1))).containsExactly(fromLater);
  }

  @Test
  void minuteLargerThanOneBatch_isWrittenInSeveral_andReadWhole() throws Exception {
    String longRoute = "shop.example/" + "r".repeat(600);
    List<MetricRollup> rows = new java.util.ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      rows.add(new MetricRollup(new RollupKey("shop", longRoute, "api.shop.example/" + i + "/" + "u".repeat(600),
          "svc", "op"), minute, 1, 0, LatencyHistogram.of(MS), LatencyHistogram.empty(), LatencyHistogram.empty(),
          true));
    }

    assertThat(rollups.minuteBatches(minute, rows, 1)).hasSizeGreaterThan(1);
    write(rows);

    assertThat(read(RollupQuery.minutes(minute, minute + 1))).containsExactlyInAnyOrderElementsOf(rows);
  }

  @Test
  void dimensionsGiven_narrowTheRows_leadingOrNot() throws Exception {
    MetricRollup shopCheckout = rollup(minute, "shop", "checkout", 1, 0, LatencyHistogram.of(MS),
        LatencyHistogram.empty(), LatencyHistogram.empty(), true);
    MetricRollup shopCart = rollup(minute, "shop", "cart", 1, 0, LatencyHistogram.of(MS),
        LatencyHistogram.empty(), LatencyHistogram.empty(), true);
    MetricRollup adminCheckout = rollup(minute, "admin", "checkout", 1, 0, LatencyHistogram.of(MS),
        LatencyHistogram.empty(), LatencyHistogram.empty(), true);
    write(List.of(shopCheckout, shopCart, adminCheckout));

    assertThat(read(new RollupQuery(minute, minute + 1, "shop", null, null, null, null)))
        .containsExactly(shopCart, shopCheckout);
    assertThat(read(new RollupQuery(minute, minute + 1, null, null, null, "checkout", null)))
        .containsExactly(adminCheckout, shopCheckout);
    assertThat(read(new RollupQuery(minute, minute + 1, "shop", "shop.example/checkout",
        "api.shop.example/checkout/{id}", "cart", "POST /cart"))).containsExactly(shopCart);
    assertThat(read(new RollupQuery(minute, minute + 1, "nobody", null, null, null, null))).isEmpty();
  }

  @Test
  void damagedRow_isSkipped_andTheRestRead() throws Exception {
    MetricRollup good = rollup(minute, "shop", "good", 1, 0, LatencyHistogram.of(MS), LatencyHistogram.empty(),
        LatencyHistogram.empty(), true);
    write(List.of(good));
    cql.execute(SimpleStatement.newInstance("INSERT INTO tracebridge.metric_rollups (epoch_minute, app_id,"
        + " view_route, url_pattern, service, operation, request_count, error_count, total_buckets, total_min,"
        + " total_max, complete) VALUES (?, 'shop', '', '', 'bad', '', 1, 5, {500: 1}, 1, 2, true)", minute));

    assertThat(read(RollupQuery.minutes(minute, minute + 1))).containsExactly(good);
  }

  @Test
  void rows_carryTheRetentionAsTtl_andNoUnmeasuredColumns() throws Exception {
    write(List.of(rollup(minute, "shop", "ttl", 1, 0, LatencyHistogram.of(MS), LatencyHistogram.empty(),
        LatencyHistogram.empty(), true)));

    Row row = cql.execute(SimpleStatement.newInstance("SELECT TTL(request_count), network_buckets, network_min"
        + " FROM tracebridge.metric_rollups WHERE epoch_minute = ?", minute)).one();

    long retention = CassandraStoreConfig.DEFAULT_RETENTION.toSeconds();
    assertThat((long) row.getInt(0)).isBetween(retention - 60, retention);
    assertThat(row.isNull(1)).isTrue();
    assertThat(row.isNull(2)).isTrue();
  }

  private static MetricRollup rollup(long minute, String app, String service, long count, long errors,
      LatencyHistogram total, LatencyHistogram network, LatencyHistogram backend, boolean complete) {
    RollupKey key = new RollupKey(app, app + ".example/checkout", "api." + app + ".example/checkout/{id}", service,
        "POST /" + service);
    return new MetricRollup(key, minute, count, errors, total, network, backend, complete);
  }

  private void write(List<MetricRollup> rows) throws Exception {
    rollups.write(rows).toCompletableFuture().get();
  }

  private List<MetricRollup> read(RollupQuery query) throws Exception {
    return rollups.read(query).toCompletableFuture().get();
  }
}
