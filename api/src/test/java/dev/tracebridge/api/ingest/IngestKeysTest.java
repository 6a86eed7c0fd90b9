package dev.tracebridge.api.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestKeysTest {
  @Test
  void eachKeyOfAnApp_findsThatApp() {
    IngestKeys keys = IngestKeys.of(Map.of("shop-web", List.of("old-key", "new-key"), "admin-web", List.of("a-key")));

    assertThat(keys.appFor("old-key")).isEqualTo("shop-web");
    assertThat(keys.appFor(" new-key ")).isEqualTo("shop-web");
    assertThat(keys.appFor("a-key")).isEqualTo("admin-web");
    assertThat(keys.appFor("guess")).isNull();
    assertThat(keys.required()).isTrue();
    assertThat(keys.apps()).containsExactlyInAnyOrder("shop-web", "admin-web");
  }

  @Test
  void noKeys_requireNothing() {
    assertThat(IngestKeys.of(Map.of()).required()).isFalse();
    assertThat(IngestKeys.none().required()).isFalse();
  }

  @Test
  void oneKeyForTwoApps_isRefusedAtStartup() {
    assertThatThrownBy(() -> IngestKeys.of(Map.of("a", List.of("same"), "b", List.of("same"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a key binds to one app")
        .hasMessageNotContaining("same\"");
  }

  @Test
  void blankKey_isRefusedAtStartup() {
    assertThatThrownBy(() -> IngestKeys.of(Map.of("shop-web", List.of(" "))))
        .hasMessage("tracebridge.ingest.keys.shop-web: an empty key (expected: non-blank)");
  }

  @Test
  void toStringAndFingerprint_neverShowAKey() {
    IngestKeys keys = IngestKeys.of(Map.of("shop-web", List.of("very-secret-key")));

    assertThat(keys.toString()).doesNotContain("very-secret-key").contains("1 keys");
    assertThat(IngestKeys.fingerprint("very-secret-key")).hasSize(8).doesNotContain("secret");
  }
}
