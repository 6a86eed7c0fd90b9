package dev.tracebridge.api.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class QueryTimesTest {

  @ParameterizedTest
  @CsvSource({"250ms, 250000000", "1.5s, 1500000000", "2m, 120000000000", "500us, 500000", "100ns, 100",
      "42, 42000000", "1h, 3600000000000"})
  void duration_isReadInItsUnit(String text, long nanos) {
    assertThat(QueryTimes.duration("minDuration", text)).isEqualTo(nanos);
  }

  @Test
  void instant_takesRfc3339OrEpochMillis() {
    assertThat(QueryTimes.instant("start", "2025-11-25T14:00:00.5Z", 0)).isEqualTo(1_764_079_200_500_000_000L);
    assertThat(QueryTimes.instant("start", "1764079200500", 0)).isEqualTo(1_764_079_200_500_000_000L);
    assertThat(QueryTimes.instant("start", null, 7)).isEqualTo(7);
  }

  @Test
  void badDuration_namesTheParameter() {
    assertThatThrownBy(() -> QueryTimes.duration("maxDuration", "soon"))
        .isInstanceOf(BadParameterException.class)
        .hasMessage("maxDuration: 'soon' (expected: a duration such as 250ms, 1.5s, 2m, 500us, or a number of"
            + " milliseconds)");
  }
}
