package dev.tracebridge.api.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EntityTagTest {
  private final EntityTag tag = EntityTag.of("{\"traceId\":\"4bf9\"}".getBytes(StandardCharsets.UTF_8));

  @Test
  void sameBody_sameQuotedTag() {
    EntityTag again = EntityTag.of("{\"traceId\":\"4bf9\"}".getBytes(StandardCharsets.UTF_8));

    assertThat(again).isEqualTo(tag);
    assertThat(tag.quoted()).matches("\"[0-9a-f]{32}\"");
  }

  @Test
  void oneByteChanged_differentTag() {
    EntityTag other = EntityTag.of("{\"traceId\":\"4bf8\"}".getBytes(StandardCharsets.UTF_8));

    assertThat(other).isNotEqualTo(tag);
  }

  @Test
  void ifNoneMatch_matchesItsTagInAListWeakOrAny() {
    assertThat(tag.matches(tag.quoted())).isTrue();
    assertThat(tag.matches("\"other\", " + tag.quoted())).isTrue();
    assertThat(tag.matches("W/" + tag.quoted())).isTrue();
    assertThat(tag.matches("*")).isTrue();
  }

  @Test
  void ifNoneMatch_otherOrMissing_doesNotMatch() {
    assertThat(tag.matches("\"other\"")).isFalse();
    assertThat(tag.matches(tag.quoted().replace("\"", ""))).isFalse();
    assertThat(tag.matches(null)).isFalse();
  }
}
