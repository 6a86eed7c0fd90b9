package dev.tracebridge.correlator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WorkPaceTest {
  private static final long SECOND = Duration.ofSeconds(1).toNanos();

  @Test
  void workAheadOfThePace_waitsForItsShareOfTheTime() {
    WorkPace pace = WorkPace.perSecond(500);

    assertThat(pace.waitNanos(250, 0)).isEqualTo(SECOND / 2);
    assertThat(pace.waitNanos(250, SECOND / 8)).isEqualTo(SECOND / 2 - SECOND / 8);
  }

  @Test
  void workBehindThePace_orNotStarted_goesOnAtOnce() {
    WorkPace pace = WorkPace.perSecond(500);

    assertThat(pace.waitNanos(250, SECOND)).isZero();
    assertThat(pace.waitNanos(0, 0)).isZero();
  }

  @Test
  void unitsOverASpread_areDueInProportion() {
    WorkPace pace = WorkPace.over(200, Duration.ofSeconds(20));

    assertThat(pace.waitNanos(50, 0)).isEqualTo(5 * SECOND);
    assertThat(pace.waitNanos(200, 19 * SECOND)).isEqualTo(SECOND);
  }

  @Test
  void noUnitsOrNoSpread_isNoPace() {
    assertThat(WorkPace.over(0, Duration.ofSeconds(20))).isSameAs(WorkPace.NONE);
    assertThat(WorkPace.over(5_000, Duration.ZERO)).isSameAs(WorkPace.NONE);
    assertThat(WorkPace.NONE.waitNanos(1_000_000, 0)).isZero();
  }

  @Test
  void interruptedThread_isNotHeld_andHearsOfIt() {
    WorkPace pace = WorkPace.over(1_000, Duration.ofMinutes(10));
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> pace.awaitTurn(999)).isInstanceOf(InterruptedException.class);
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void rateOfNothing_isRefused() {
    assertThatThrownBy(() -> WorkPace.perSecond(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
