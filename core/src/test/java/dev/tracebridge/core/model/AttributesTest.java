package dev.tracebridge.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttributesTest {
  @Test
  void keyPutAgain_keepsItsFirstPlaceAndLastValue() {
    Attributes built = Attributes.builder().put("a", 1).put("b", 2).put("a", 3).build();

    assertThat(built.size()).isEqualTo(2);
    assertThat(built.keyAt(0)).isEqualTo("a");
    assertThat(built.valueAt(0)).isEqualTo(AttributeValue.of(3));
    assertThat(built.asMap().keySet()).containsExactly("a", "b");
  }

  @Test
  void setsSmallAndLarge_findEveryKeyAndNoOther() {
    for (int count : new int[] {1, Attributes.SCAN_LIMIT, Attributes.SCAN_LIMIT + 1, 300}) {
      Attributes.Builder builder = Attributes.builder();
      for (int i = 0; i < count; i++) builder.put("key." + i, i);
      // Keys put again past the point where the builder starts indexing them must still replace.
      for (int i = 0; i < count; i += 7) builder.put("key." + i, -i);
      Attributes built = builder.build();

      assertThat(built.size()).isEqualTo(count);
      for (int i = 0; i < count; i++) {
        assertThat(built.get("key." + i)).as("key.%d of %d", i, count)
            .isEqualTo(AttributeValue.of(i % 7 == 0 ? -i : i));
        assertThat(built.keyAt(i)).isEqualTo("key." + i);
      }
      assertThat(built.get("key." + count)).isNull();
      assertThat(built.asMap().containsKey("key.0")).isTrue();
      assertThat(built.asMap().containsKey(42)).isFalse();
    }
  }

  @Test
  void sameAttributesInAnotherOrder_equalWithEqualHashCodes() {
    Attributes one = Attributes.builder().put("http.method", "GET").put("retry", true).put("n", 5).build();
    Attributes other = Attributes.builder().put("n", 5).put("http.method", "GET").put("retry", true).build();

    assertThat(one).isEqualTo(other).hasSameHashCodeAs(other);
    assertThat(one).isNotEqualTo(Attributes.builder().put("n", 6).put("http.method", "GET").put("retry", true)
        .build());
    assertThat(one).isNotEqualTo(Attributes.builder().put("n", 5).put("http.method", "GET").build());
  }

  @Test
  void mapView_equalsAndHashesAsAnOrdinaryMap() {
    Map<String, AttributeValue> ordinary = new LinkedHashMap<>();
    for (int i = 0; i < 40; i++) ordinary.put("k" + i, AttributeValue.of("v" + i));

    Attributes built = Attributes.of(ordinary);

    assertThat(built.asMap()).isEqualTo(ordinary).hasSameHashCodeAs(ordinary);
    assertThat(built.hashCode()).isEqualTo(ordinary.hashCode());
    assertThat(built.asMap().entrySet()).containsExactlyElementsOf(ordinary.entrySet());
    assertThat(built.toString()).isEqualTo(ordinary.toString());
  }

  @Test
  void forEach_visitsInOrder() {
    Attributes built = Attributes.builder().put("z", "1").put("a", "2").put("m", "3").build();
    List<String> seen = new ArrayList<>();

    built.forEach((key, value) -> seen.add(key + "=" + value.asText()));

    assertThat(seen).containsExactly("z=1", "a=2", "m=3");
  }

  @Test
  void positionOutsideTheSet_isRefused() {
    Attributes built = Attributes.builder(10).put("only", 1).build();

    assertThatThrownBy(() -> built.keyAt(1)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> built.valueAt(-1)).isInstanceOf(IndexOutOfBoundsException.class);
  }
}
