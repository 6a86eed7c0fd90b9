package dev.tracebridge.correlator.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CheckPaceTest {
  private static final long SPREAD = Duration.ofSeconds(20).toNanos();

  @Test
  void workAheadOfThePace_waitsForItsShareOfTheSpread() {
    assertThat(CheckPace.waitNanos(50, 200, SPREAD, 0)).isEqualTo(SPREAD / 4);
    assertThat(CheckPace.waitNanos(50, 200, SPREAD, SPREAD / 8)).isEqualTo(SPREAD / 8);
  }

  @Test
  void workBehindThePace_goesOnAtOnce() {
    assertThat(CheckPace.waitNanos(50, 200, SPREAD, SPREAD / 2)).isZero();
    assertThat(CheckPace.waitNanos(0, 200, SPREAD, 0)).isZero();
  }

  @Test
  void minuteThatFitsOneChunk_orNoSpread_isNotPaced() {
    assertThat(CheckPace.of(64, 64, Duration.ofSeconds(20))).isSameAs(CheckPace.NONE);
    assertThat(CheckPace.of(5_000, 64, Duration.ZERO)).isSameAs(CheckPace.NONE);
    assertThat(CheckPace.of(65, 64, Duration.ofSeconds(20))).isNotSameAs(CheckPace.NONE);
  }

  @Test
  void interruptedThread_isNotHeldByThePace() {
    CheckPace pace = CheckPace.of(1_000, 10, Duration.ofMinutes(10));
    Thread.currentThread().interrupt();
    try {
      long started = System.nanoTime();
      pace.awaitTurn(999);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMinutes(1));
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }
}
