package dev.tracebridge.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.rum.RumIntakeSettings;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The documented tracebridge.rum.* properties reach the intakes. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
    "tracebridge.storage=memory",
    "tracebridge.grpc.port=0",
    "tracebridge.rum.allowed-apps=shop-web,admin-web",
    "tracebridge.rum.per-app-events-per-second=50",
    "tracebridge.rum.max-events-per-batch=20",
    "tracebridge.rum.max-decompressed-size=1MB"})
class RumIntakeSettingsWiringTest {
  @Autowired RumIntakeSettings settings;

  @Test
  void rumProperties_configureTheIntakes() {
    assertThat(settings.allowedApps()).containsExactlyInAnyOrder("shop-web", "admin-web");
    assertThat(settings.perAppEventsPerSecond()).isEqualTo(50.0);
    assertThat(settings.maxEventsPerBatch()).isEqualTo(20);
    assertThat(settings.maxDecompressedBytes()).isEqualTo(1024 * 1024);
  }
}
