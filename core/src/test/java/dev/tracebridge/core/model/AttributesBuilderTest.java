package dev.tracebridge.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AttributesBuilderTest {
  @Test
  void builderUsedAgainAfterBuild_leavesTheBuiltAttributesUnchanged() {
    Attributes.Builder builder = Attributes.builder(2).put("http.method", "GET");
    Attributes first = builder.build();

    Attributes second = builder.put("http.route", "/cart").build();

    assertThat(first.asMap()).containsOnlyKeys("http.method");
    assertThat(second.asMap()).containsOnlyKeys("http.route");
  }

  @Test
  void builtAttributes_keepInsertionOrderAndCannotBeChanged() {
    Attributes built = Attributes.builder(20).put("b", 1).put("a", true).put("c", "x").build();

    assertThat(built.asMap().keySet()).containsExactly("b", "a", "c");
    assertThatThrownBy(() -> built.asMap().put("d", AttributeValue.of("y")))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void nothingPut_buildsTheSharedEmptyAttributes() {
    assertThat(Attributes.builder(5).build()).isSameAs(Attributes.empty());
  }
}
