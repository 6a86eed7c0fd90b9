package dev.tracebridge.correlator.skew;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.core.health.ClockSample;
import dev.tracebridge.core.join.ClockCorrection;
import java.util.List;
import org.junit.jupiter.api.Test;

class OffsetEstimateTest {

  @Test
  void oneRequest_offsetIsTheMiddleOfItsWindow() {
    ClockCorrection c = OffsetEstimate.combine("checkout", "s-1", List.of(sample("e1", 100, 300)));

    assertThat(c.offsetNanos()).isEqualTo(200);
    assertThat(c.uncertaintyNanos()).isEqualTo(100);
    assertThat(c.basis()).isEqualTo(ClockCorrection.Basis.BROWSER_WINDOWS);
  }

  @Test
  void severalRequests_intersect_andTheUncertaintyShrinks() {
    ClockCorrection c = OffsetEstimate.combine("checkout", "s-1",
        List.of(sample("e1", 100, 300), sample("e2", 150, 400), sample("e3", 0, 250)));

    assertThat(c.lowNanos()).isEqualTo(150);
    assertThat(c.highNanos()).isEqualTo(250);
    assertThat(c.offsetNanos()).isEqualTo(200);
    assertThat(c.uncertaintyNanos()).isEqualTo(50);
    assertThat(c.samples()).isEqualTo(3);
  }

  @Test
  void contradictingRequests_saySo_andTakeTheTightestWindow() {
    ClockCorrection c = OffsetEstimate.combine("checkout", "s-1",
        List.of(sample("e1", 100, 300), sample("e2", 500, 540), sample("e3", -1_000, 1_000)));

    assertThat(c.basis()).isEqualTo(ClockCorrection.Basis.INCONSISTENT_WINDOWS);
    assertThat(c.offsetNanos()).isEqualTo(520);
    assertThat(c.uncertaintyNanos()).isEqualTo(20);
  }

  @Test
  void serverSpanLongerThanTheWindow_isInconsistent_evenAlone() {
    ClockCorrection c = OffsetEstimate.combine("checkout", "s-1", List.of(sample("e1", 300, 100)));

    assertThat(c.basis()).isEqualTo(ClockCorrection.Basis.INCONSISTENT_WINDOWS);
    assertThat(c.offsetNanos()).isEqualTo(200);
    assertThat(c.uncertaintyNanos()).isEqualTo(100);
  }

  private static ClockSample sample(String event, long low, long high) {
    return new ClockSample("app", "s-1", "checkout", event, low, high);
  }
}
