package dev.tracebridge.api.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EntityTagTest {
  private final EntityTag tag = EntityTag.of("{\"traceId\":\"4bf9\"}".getBytes(StandardCharsets.UTF_8));

  @Test
  void sameBody_sameQuotedTag() {
    EntityTag again = EntityTag.of("{\"traceId\":\"4bf9\"}".getBytes(StandardCharsets.UTF_8));

    assertThat(again).isEqualTo(tag);
    assertThat(tag.quoted()).matches("\"[0-9a-f]+-[0-9a-f]{16}\"");
  }

  @Test
  void bodyWithTwoBytesSwapped_differentTag() {
    EntityTag swapped = EntityTag.of("{\"traceId\":\"4fb9\"}".getBytes(StandardCharsets.UTF_8));

    assertThat(swapped).isNotEqualTo(tag);
  }

  @Test
  void distinctBodiesOfOneLength_haveDistinctTags() {
    Set<EntityTag> tags = new HashSet<>();
    byte[] body = new byte[4096];
    Random random = new Random(7);
    for (int i = 0; i < 10_000; i++) {
      random.nextBytes(body);
      tags.add(EntityTag.of(body));
    }

    assertThat(tags).hasSize(10_000);
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
