package dev.tracebridge.core.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The same cases as core.search's UrlPattern, and agreement with it: the two foldings must not drift. */
class UrlPatternRulesTest {

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

  @Test
  void idRule_matchesTraceStoresRegularExpressions_segmentBySegment() {
    java.util.regex.Pattern number = java.util.regex.Pattern.compile("-?[0-9]+");
    java.util.regex.Pattern uuid = java.util.regex.Pattern.compile(
        "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    java.util.regex.Pattern longHex = java.util.regex.Pattern.compile("[0-9a-fA-F]{16,}");
    java.util.regex.Pattern hasDigit = java.util.regex.Pattern.compile(".*[0-9].*");
    java.util.List<String> segments = java.util.List.of("42", "-7", "-", "--1", "1-2", "cafe", "CAFEBABECAFEBABE",
        "cafebabecafebab", "3f2504e0-4f89-11d3-9a0c-0305e82c3301", "3f2504e0-4f89-11d3-9a0c-0305e82c330g",
        "3f2504e0_4f89-11d3-9a0c-0305e82c3301", "aGVsbG8gd29ybGQgMTIzNDU2Nzg", "checkout-and-payment-page",
        "v2", "items", "0", "01HF3Z9Y4K2M8N6P0Q1R2S3T4V");
    for (String s : segments) {
      boolean expected = number.matcher(s).matches() || uuid.matcher(s).matches() || longHex.matcher(s).matches()
          || (s.length() >= 20 && hasDigit.matcher(s).matches());
      assertThat(UrlPattern.isId(s)).as(s).isEqualTo(expected);
    }
  }

  @Test
  void backendPathAndBrowserUrl_foldToTheSamePath() {
    String browser = "https://api.shop.example/cart/42?x=1";
    String backendTarget = "/cart/42?x=1";

    assertThat(UrlPattern.foldPath(UrlPattern.path(browser)))
        .isEqualTo(UrlPattern.foldPath(UrlPattern.path(backendTarget))).isEqualTo("/cart/{id}");
    assertThat(UrlPattern.origin(browser)).isEqualTo("api.shop.example");
    assertThat(UrlPattern.origin(backendTarget)).isEmpty();
  }
}
