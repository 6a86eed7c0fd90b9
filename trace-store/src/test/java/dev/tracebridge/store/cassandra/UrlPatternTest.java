package dev.tracebridge.store.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UrlPatternTest {

  @Test
  void idsInThePath_areFolded() {
    assertThat(UrlPattern.of("https://api.shop.example/cart/42?x=1#top")).isEqualTo("api.shop.example/cart/{id}");
    assertThat(UrlPattern.of("https://api.example/orders/3f2504e0-4f89-11d3-9a0c-0305e82c3301/items"))
        .isEqualTo("api.example/orders/{id}/items");
    assertThat(UrlPattern.of("http://h/t/0af7651916cd43dd8448eb211c80319c")).isEqualTo("h/t/{id}");
    assertThat(UrlPattern.of("http://h/f/aGVsbG8gd29ybGQgMTIzNDU2Nzg")).isEqualTo("h/f/{id}");
  }

  @Test
  void routeWords_stay() {
    assertThat(UrlPattern.of("https://shop.example/cafe/v2/checkout")).isEqualTo("shop.example/cafe/v2/checkout");
    assertThat(UrlPattern.of("https://shop.example")).isEqualTo("shop.example/");
    assertThat(UrlPattern.of("https://shop.example/")).isEqualTo("shop.example/");
  }

  @Test
  void hostIsNormalised_andDefaultPortsAndUserInfoDropped() {
    assertThat(UrlPattern.of("https://user:pw@API.Shop.Example:443/a")).isEqualTo("api.shop.example/a");
    assertThat(UrlPattern.of("http://localhost:8080/a")).isEqualTo("localhost:8080/a");
  }

  @Test
  void patterns_areTheirOwnPattern() {
    String pattern = UrlPattern.of("https://api.shop.example/cart/42");

    assertThat(UrlPattern.of(pattern)).isEqualTo(pattern);
  }
}
