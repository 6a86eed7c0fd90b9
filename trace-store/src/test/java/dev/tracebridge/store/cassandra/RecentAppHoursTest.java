package dev.tracebridge.store.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.store.cassandra.RecentAppHours.AppHour;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RecentAppHoursTest {
  private static final long MINUTE = Duration.ofMinutes(1).toNanos();
  private final RecentAppHours recent = new RecentAppHours(Duration.ofMinutes(10), 3);

  @Test
  void neverWritten_isDue() {
    assertThat(recent.due(new AppHour(470_000, "shop-web"), 0)).isTrue();
  }

  @Test
  void writtenLately_isNotDue_untilRewriteAfterHasPassed() {
    AppHour row = new AppHour(470_000, "shop-web");
    recent.written(row, 100 * MINUTE);

    assertThat(recent.due(row, 100 * MINUTE)).isFalse();
    assertThat(recent.due(row, 109 * MINUTE)).isFalse();
    assertThat(recent.due(row, 110 * MINUTE)).isTrue();
  }

  @Test
  void otherHourOrApp_isStillDue() {
    recent.written(new AppHour(470_000, "shop-web"), 0);

    assertThat(recent.due(new AppHour(470_001, "shop-web"), 0)).isTrue();
    assertThat(recent.due(new AppHour(470_000, "admin-web"), 0)).isTrue();
  }

  @Test
  void anEarlierSendAcknowledgedLast_doesNotMoveTheRowBack() {
    AppHour row = new AppHour(470_000, "shop-web");
    recent.written(row, 100 * MINUTE);
    recent.written(row, 95 * MINUTE);

    assertThat(recent.due(row, 106 * MINUTE)).isFalse();
  }

  @Test
  void full_forgetsRowsPastRewriteAfterFirst() {
    AppHour old = new AppHour(1, "a");
    AppHour recentOne = new AppHour(2, "b");
    recent.written(old, 0);
    recent.written(recentOne, 15 * MINUTE);
    recent.written(new AppHour(3, "c"), 16 * MINUTE);

    recent.written(new AppHour(4, "d"), 17 * MINUTE);

    assertThat(recent.size()).isEqualTo(3);
    assertThat(recent.due(recentOne, 17 * MINUTE)).isFalse();
    assertThat(recent.due(old, 17 * MINUTE)).isTrue();
  }

  @Test
  void fullOfRecentRows_forgetsThemAll_andStaysBounded() {
    for (int hour = 0; hour < 3; hour++) recent.written(new AppHour(hour, "a"), MINUTE);

    recent.written(new AppHour(9, "a"), 2 * MINUTE);

    assertThat(recent.size()).isEqualTo(1);
    assertThat(recent.due(new AppHour(0, "a"), 2 * MINUTE)).isTrue();
    assertThat(recent.due(new AppHour(9, "a"), 2 * MINUTE)).isFalse();
  }
}
