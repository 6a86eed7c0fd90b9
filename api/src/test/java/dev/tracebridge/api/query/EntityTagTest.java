package dev.tracebridge.api.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EntityTagTest {
  private final EntityTag tag = tagOf("{\"traceId\":\"4bf9\"}");

  @Test
  void sameBody_sameQuotedTag() {
    EntityTag again = tagOf("{\"traceId\":\"4bf9\"}");

    assertThat(again).isEqualTo(tag);
    assertThat(tag.quoted()).matches("\"[0-9a-f]+-[0-9a-f]{16}\"");
  }

  @Test
  void bodyWithTwoBytesSwapped_differentTag() {
    EntityTag swapped = tagOf("{\"traceId\":\"4fb9\"}");

    assertThat(swapped).isNotEqualTo(tag);
  }

  @Test
  void distinctBodiesOfOneLength_haveDistinctTags() {
    Set<EntityTag> tags = new HashSet<>();
    byte[] body = new byte[4096];
    Random random = new Random(7);
    for (int i = 0; i < 10_000; i++) {
      random.nextBytes(body);
      tags.add(EntityTag.of(body, body.length));
    }

    assertThat(tags).hasSize(10_000);
  }

  @Test
  void bytesPastTheLength_doNotChangeTheTag() {
    byte[] body = "{\"traceId\":\"4bf9\"}".getBytes(StandardCharsets.UTF_8);
    byte[] reusedBuffer = Arrays.copyOf(body, body.length + 64);
    Arrays.fill(reusedBuffer, body.length, reusedBuffer.length, (byte) 'x');

    assertThat(EntityTag.of(reusedBuffer, body.length)).isEqualTo(tag);
  }

  @Test
  void lengthPastTheArray_isRefused() {
    assertThatThrownBy(() -> EntityTag.of(new byte[4], 5)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void oneByteChanged_differentTag() {
    EntityTag other = tagOf("{\"traceId\":\"4bf8\"}");

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

  private static EntityTag tagOf(String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return EntityTag.of(bytes, bytes.length);
  }
}
