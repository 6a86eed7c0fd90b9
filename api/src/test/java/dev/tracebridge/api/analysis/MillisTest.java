package dev.tracebridge.api.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MillisTest {
  private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

  @Test
  void halfMicrosecond_roundsAwayFromZero() {
    assertThat(Millis.of(1_500)).isEqualTo(0.002);
    assertThat(Millis.of(1_499)).isEqualTo(0.001);
    assertThat(Millis.of(-1_500)).isEqualTo(-0.002);
    assertThat(Millis.of(420_000_000)).isEqualTo(420.0);
  }

  @Test
  void anyDuration_isTheExactQuotientRoundedToTheMicrosecond() {
    Random random = new Random(11);
    for (int i = 0; i < 100_000; i++) {
      // Up to 2^62 ns (146 years): beyond 2^53 whole microseconds no double is exact anyway.
      long nanos = random.nextLong() >> (1 + random.nextInt(63));
      double expected = new BigDecimal(nanos).divide(MILLION).setScale(3, RoundingMode.HALF_UP).doubleValue();
      assertThat(Millis.of(nanos)).as("%d ns", nanos).isEqualTo(expected);
    }
  }

  @Test
  void anyShare_isTheExactPercentageRoundedToOneDecimal() {
    Random random = new Random(12);
    for (int i = 0; i < 100_000; i++) {
      long whole = 1 + (random.nextLong() >>> (1 + random.nextInt(63)));
      long part = random.nextBoolean() ? random.nextLong(whole + 1) : whole / (1 + random.nextInt(8));
      double expected = new BigDecimal(part).multiply(BigDecimal.valueOf(100))
          .divide(new BigDecimal(whole), 1, RoundingMode.HALF_UP).doubleValue();
      assertThat(Millis.percent(part, whole)).as("%d of %d", part, whole).isEqualTo(expected);
    }
  }

  @Test
  void exactHalfOfATenth_roundsUp() {
    assertThat(Millis.percent(1, 8)).isEqualTo(12.5);
    assertThat(Millis.percent(1, 16)).isEqualTo(6.3);
    assertThat(Millis.percent(0, 5)).isEqualTo(0.0);
    assertThat(Millis.percent(3, 0)).isEqualTo(0.0);
  }
}
