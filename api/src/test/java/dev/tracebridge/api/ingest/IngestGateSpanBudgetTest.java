package dev.tracebridge.api.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracebridge.core.ingest.IngestRefusedException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The span budget {@link IngestGate} gives an admitted OTLP export: whose bucket it charges, what a refusal says. */
class IngestGateSpanBudgetTest {
  private static final String KEY = "shop-secret-key";
  private final AtomicLong now = new AtomicLong();
  private final ClientSpanLimiter spans = new ClientSpanLimiter(10, now::get);

  @Test
  void withoutKeys_eachRemoteAddressHasABudget_andARefusalNamesTheAddressAndTheProperty() {
    IngestGate gate = new IngestGate(IngestKeys.none(), new ClientRateLimiter(0, now::get), spans);
    budget(gate, null, "10.0.0.1").charge(30);

    ClientSpanBudget refused = budget(gate, null, "10.0.0.1");
    assertThatThrownBy(() -> refused.charge(5))
        .isInstanceOfSatisfying(IngestRefusedException.class, e -> {
          assertThat(e.reason()).isEqualTo(IngestRefusedException.Reason.OVERLOADED);
          assertThat(e.retryAfter()).isEqualTo(Duration.ofMillis(2_500));
          assertThat(e.getMessage()).isEqualTo("spans per second: an export of 5 spans is above the per-client"
              + " limit of 10 for address 10.0.0.1 (tracebridge.ingest.per-client-spans-per-second;"
              + " retry after the indicated delay)");
        });
    assertThat(refused.refused()).isTrue();

    ClientSpanBudget otherAddress = budget(gate, null, "10.0.0.2");
    otherAddress.charge(10);
    assertThat(otherAddress.refused()).isFalse();
  }

  @Test
  void withKeys_theBudgetIsTheKeys_andARefusalNamesItsFingerprintNeverTheKey() {
    IngestGate gate = new IngestGate(IngestKeys.of(Map.of("shop-web", List.of(KEY))),
        new ClientRateLimiter(0, now::get), spans);
    budget(gate, KEY, "10.0.0.1").charge(30);

    assertThatThrownBy(() -> budget(gate, KEY, "10.0.0.2").charge(1))
        .as("the same key from another address shares the budget")
        .isInstanceOfSatisfying(IngestRefusedException.class, e -> assertThat(e.getMessage())
            .contains("for key " + IngestKeys.fingerprint(KEY) + " of app 'shop-web' (")
            .doesNotContain(KEY));
  }

  @Test
  void pathsOutsideTheOtlpLimits_getABudgetThatNeverRefuses() {
    IngestGate gate = new IngestGate(IngestKeys.none(), new ClientRateLimiter(0, now::get), spans);

    Admission admission = gate.admit(null, "10.0.0.1", false);

    ClientSpanBudget budget = ((Admission.Admitted) admission).spanBudget();
    budget.charge(1_000_000);
    budget.charge(1_000_000);
    assertThat(budget.refused()).isFalse();
  }

  private static ClientSpanBudget budget(IngestGate gate, String key, String address) {
    Admission admission = gate.admit(key, address, true);
    assertThat(admission).isInstanceOf(Admission.Admitted.class);
    return ((Admission.Admitted) admission).spanBudget();
  }
}
