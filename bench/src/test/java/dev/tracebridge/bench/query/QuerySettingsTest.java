package dev.tracebridge.bench.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class QuerySettingsTest {
  private static final String ROOT = "--root=/repo";
  private static final String WORK = "--work-dir=/tmp/q";

  @Test
  void noVerdictsArgument_settlesThemBeforeMeasuringWithAShortGrace() {
    QuerySettings settings = QuerySettings.parse(new String[] {ROOT, WORK});

    assertThat(settings.verdicts()).isEqualTo(VerdictTiming.SETTLED);
    assertThat(settings.verdicts().grace).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void verdictsLive_keepsTheEnginesOwnGrace() {
    QuerySettings settings = QuerySettings.parse(new String[] {ROOT, WORK, "--verdicts=live", "--warmup=60"});

    assertThat(settings.verdicts()).isEqualTo(VerdictTiming.LIVE);
    assertThat(settings.verdicts().grace).isNull();
    assertThat(settings.warmup()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void verdictsOfAnotherName_isRefusedNamingTheChoices() {
    assertThatThrownBy(() -> QuerySettings.parse(new String[] {ROOT, WORK, "--verdicts=later"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("verdicts: 'later' (expected: settled or live)");
  }
}
