package dev.tracebridge.api.jaeger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracebridge.api.query.BadParameterException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoDurationTest {

  @ParameterizedTest
  @CsvSource({"1.5s, 1500000000", "1m30s, 90000000000", "250ms, 250000000", "100us, 100000", "100µs, 100000",
      "3ns, 3", "1h2m, 3720000000000"})
  void goSyntax_isRead(String text, long nanos) {
    assertThat(GoDuration.nanos("minDuration", text)).isEqualTo(nanos);
  }

  @Test
  void numberWithoutUnit_isRefusedAsGoRefusesIt() {
    assertThatThrownBy(() -> GoDuration.nanos("minDuration", "100")).isInstanceOf(BadParameterException.class)
        .hasMessageContaining("expected: a Go duration");
  }
}
