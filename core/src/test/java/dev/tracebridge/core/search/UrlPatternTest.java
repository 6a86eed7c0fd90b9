package dev.tracebridge.core.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlPatternTest {

  @ParameterizedTest
  @CsvSource({
      "https://api.shop.example/cart/42?x=1, api.shop.example/cart/{id}",
      "HTTPS://API.Shop.Example:443/, api.shop.example/",
      "http://user@host:8080/a/0af7651916cd43dd8448eb211c80319c, host:8080/a/{id}",
      "/orders/123e4567-e89b-12d3-a456-426614174000/items, /orders/{id}/items",
      "https://shop.example/cafe, shop.example/cafe",
      "https://shop.example, shop.example/"})
  void url_foldsToItsEndpoint(String url, String pattern) {
    assertThat(UrlPattern.of(url)).isEqualTo(pattern);
  }
}
