package dev.tracebridge.api.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ClientSpanLimiterTest {
  /** Any origin: System.nanoTime's may be negative. */
  private final AtomicLong now = new AtomicLong(-5_000_000_000L);

  @Test
  void oneSecondsWorth_passesInOneBurstThenTheNextSpanWaits() {
    ClientSpanLimiter limiter = new ClientSpanLimiter(100, now::get);

    assertThat(limiter.tryCharge("a", 60)).isNull();
    assertThat(limiter.tryCharge("a", 40)).isNull();

    assertThat(limiter.tryCharge("a", 1)).isEqualTo(Duration.ofMillis(10));
  }

  @Test
  void exportLargerThanWhatIsLeft_isRefusedWithoutBeingCharged() {
    ClientSpanLimiter limiter = new ClientSpanLimiter(100, now::get);
    limiter.tryCharge("a", 70);

    assertThat(limiter.tryCharge("a", 50)).isEqualTo(Duration.ofMillis(200));
    assertThat(limiter.tryCharge("a", 30)).as("the refused 50 took nothing").isNull();
  }

  @Test
  void spansRefill_withTime() {
    ClientSpanLimiter limiter = new ClientSpanLimiter(100, now::get);
    limiter.tryCharge("a", 100);
    assertThat(limiter.tryCharge("a", 25)).isNotNull();

    now.addAndGet(Duration.ofMillis(250).toNanos());

    assertThat(limiter.tryCharge("a", 25)).isNull();
    assertThat(limiter.tryCharge("a", 1)).isNotNull();
  }

  @Test
  void refill_stopsAtOneSecondsWorth() {
    ClientSpanLimiter limiter = new ClientSpanLimiter(100, now::get);

    now.addAndGet(Duration.ofMinutes(10).toNanos());

    assertThat(limiter.tryCharge("a", 100)).isNull();
    assertThat(limiter.tryCharge("a", 1)).isNotNull();
  }

  @Test
  void refusedClient_isAdmittedAfterExactlyTheDelayItWasTold() {
    ClientSpanLimiter limiter = new ClientSpanLimiter(3, now::get);
    limiter.tryCharge("a", 3);
    Duration wait = limiter.tryCharge("a", 2);
    assertThat(wait).isNotNull();

    now.addAndGet(wait.toNanos() - 1);
    assertThat(limiter.tryCharge("a", 2)).isEqualTo(Duration.ofNanos(1));
    now.addAndGet(1);

    assertThat(limiter.tryCharge("a", 2)).isNull();
  }

  @Test
  void exportLargerThanTheBucket_passesWhenFullAndLeavesItInDebt() {
    ClientSpanLimiter limiter = new ClientSpanLimiter(100, now::get);

    assertThat(limiter.tryCharge("a", 350)).isNull();

    // 250 spans of debt to pay off, then the next 100 to refill: 3.5 s at 100 a second.
    assertThat(limiter.tryCharge("a", 100)).isEqualTo(Duration.ofMillis(3_500));
    now.addAndGet(Duration.ofMillis(3_500).toNanos());
    assertThat(limiter.tryCharge("a", 100)).isNull();
  }

  @Test
  void exportLargerThanTheBucket_waitsUntilTheBucketIsFull_notForever() {
    ClientSpanLimiter limiter = new ClientSpanLimiter(100, now::get);
    limiter.tryCharge("a", 40);

    Duration wait = limiter.tryCharge("a", 1_000);
    assertThat(wait).isEqualTo(Duration.ofMillis(400));

    now.addAndGet(wait.toNanos());
    assertThat(limiter.tryCharge("a", 1_000)).isNull();
    assertThat(limiter.tryCharge("a", 1)).isEqualTo(Duration.ofMillis(9_010));
  }

  @Test
  void rateBelowOneSpanASecond_stillAdmitsOneSpanWhenFull() {
    ClientSpanLimiter limiter = new ClientSpanLimiter(0.5, now::get);

    assertThat(limiter.tryCharge("a", 1)).isNull();

    assertThat(limiter.tryCharge("a", 1)).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void clients_haveBucketsOfTheirOwn() {
    ClientSpanLimiter limiter = new ClientSpanLimiter(10, now::get);

    assertThat(limiter.tryCharge("key:aaaaaaaa", 500)).isNull();
    assertThat(limiter.tryCharge("key:aaaaaaaa", 1)).isNotNull();

    assertThat(limiter.tryCharge("key:bbbbbbbb", 10)).isNull();
  }

  @Test
  void zeroRate_admitsEverything() {
    ClientSpanLimiter limiter = new ClientSpanLimiter(0, now::get);

    for (int i = 0; i < 1_000; i++) assertThat(limiter.tryCharge("a", 100_000)).isNull();
    assertThat(limiter.limited()).isFalse();
    assertThat(limiter.trackedClients()).isZero();
  }

  @Test
  void noSpans_areFreeEvenInDebt() {
    ClientSpanLimiter limiter = new ClientSpanLimiter(10, now::get);
    limiter.tryCharge("a", 100);

    assertThat(limiter.tryCharge("a", 0)).isNull();
  }

  @Test
  void manyIdleClients_areForgottenWithoutChangingAnswers() {
    ClientSpanLimiter limiter = new ClientSpanLimiter(10, now::get);
    for (int i = 0; i < ClientSpanLimiter.MAX_CLIENTS; i++) limiter.tryCharge("client-" + i, 10);
    limiter.tryCharge("client-in-debt", 100);
    now.addAndGet(Duration.ofSeconds(2).toNanos());

    assertThat(limiter.tryCharge("newcomer", 10)).isNull();

    assertThat(limiter.trackedClients()).isEqualTo(2);
    assertThat(limiter.tryCharge("client-in-debt", 1)).as("a bucket in debt is kept").isNotNull();
  }

  @Test
  void absurdDebt_doesNotOverflowTheClock() {
    ClientSpanLimiter limiter = new ClientSpanLimiter(0.001, () -> Long.MAX_VALUE - 10);

    assertThat(limiter.tryCharge("a", Integer.MAX_VALUE)).isNull();

    assertThat(limiter.tryCharge("a", 1)).isPositive();
  }

  @Test
  void negativeRate_isRefused() {
    assertThatThrownBy(() -> new ClientSpanLimiter(-1, now::get))
        .hasMessage("tracebridge.ingest.per-client-spans-per-second: -1.0 (expected: >= 0, 0 = unlimited)");
  }

  @Test
  void negativeSpanCount_isRefused() {
    ClientSpanLimiter limiter = new ClientSpanLimiter(10, now::get);

    assertThatThrownBy(() -> limiter.tryCharge("a", -1)).hasMessage("spans: -1 (expected: >= 0)");
  }
}
