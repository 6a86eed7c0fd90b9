package dev.tracebridge.api.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PresentedKeyTest {
  @Test
  void bearerAuthorization_isTheKey() {
    assertThat(PresentedKey.from(Map.of("authorization", "bearer  k-1 "), Map.of())).isEqualTo("k-1");
  }

  @Test
  void keyHeader_isTheKeyWhenNoBearer() {
    assertThat(PresentedKey.from(Map.of("authorization", "Basic abc", "x-tracebridge-key", "k-2"), Map.of()))
        .isEqualTo("k-2");
  }

  @Test
  void faroApiKey_isTheKey() {
    assertThat(PresentedKey.from(Map.of("x-api-key", "k-3"), Map.of())).isEqualTo("k-3");
  }

  @Test
  void datadogClientTokenInsideDdforward_isTheKey() {
    Map<String, String> query = Map.of("ddforward", "/api/v2/rum?ddsource=browser&dd-api-key=pub123&batch_time=1");

    assertThat(PresentedKey.from(Map.of(), query)).isEqualTo("pub123");
  }

  @Test
  void guanceToken_isTheKey() {
    assertThat(PresentedKey.from(Map.of(), Map.of("precision", "ms", "token", "tkn_9"))).isEqualTo("tkn_9");
  }

  @Test
  void nothingOrBlank_isNoKey() {
    assertThat(PresentedKey.from(Map.of("x-tracebridge-key", "  "), Map.of())).isNull();
    assertThat(PresentedKey.from(Map.of(), Map.of())).isNull();
  }
}
