package dev.tracebridge.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracebridge.correlator.health.PropagationCheckSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoadSettingsTest {
  private static final String WORK = "--work-dir=/tmp/load";

  @Test
  void noSettleArgument_settlesThirtySecondsBeforeEachStep() {
    LoadSettings settings = LoadSettings.parse(new String[] {WORK});

    assertThat(settings.settle()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void noWarmupArgument_warmsUpPastThePropagationCheckersFirstRun() {
    LoadSettings settings = LoadSettings.parse(new String[] {WORK});

    // A resource sent at the very start of a minute is due a minute and the grace later, decided by the run
    // after that (a period at most) over the engine's spread; warm-up and settle are both unmeasured.
    Duration firstRunEnds = Duration.ofMinutes(1).plus(PropagationCheckSettings.DEFAULT_GRACE)
        .plus(PropagationCheckSettings.RECOMMENDED_PERIOD).plus(PropagationCheckSettings.ENGINE_SPREAD);
    assertThat(settings.warmup().plus(settings.settle())).isGreaterThanOrEqualTo(firstRunEnds);
    assertThat(LoadSettings.parse(new String[] {WORK, "--warmup=30"}).warmup()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void settleGiven_isTakenInSecondsOrMinutes_andZeroTurnsItOff() {
    assertThat(LoadSettings.parse(new String[] {WORK, "--settle=45"}).settle()).isEqualTo(Duration.ofSeconds(45));
    assertThat(LoadSettings.parse(new String[] {WORK, "--settle=1m"}).settle()).isEqualTo(Duration.ofMinutes(1));
    assertThat(LoadSettings.parse(new String[] {WORK, "--settle=0"}).settle()).isZero();
  }

  @Test
  void unknownOption_namesSettleAmongTheKnownOnes() {
    assertThatThrownBy(() -> LoadSettings.parse(new String[] {WORK, "--settel=30"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'--settel' is unknown")
        .hasMessageContaining("warmup, settle, half-rate-duration");
  }
}
