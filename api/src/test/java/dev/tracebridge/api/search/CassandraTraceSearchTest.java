package dev.tracebridge.api.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.core.search.SearchQuery;
import dev.tracebridge.store.cassandra.TraceQuery;
import dev.tracebridge.store.cassandra.UrlPattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CassandraTraceSearchTest {

  @Test
  void everyCriterion_reachesTheStoresQuery() {
    SearchQuery query = SearchQuery.builder(10, 20).service("checkout").operation("POST /checkout")
        .minDurationNanos(5L).maxDurationNanos(9L).errorsOnly(true).httpStatus(503).appId("shop")
        .sessionId("s").viewId("v").urlPattern("https://api.shop.example/cart/42").attribute("k", "v").limit(7).build();

    TraceQuery stored = CassandraTraceSearch.toTraceQuery(query);

    assertThat(stored).isEqualTo(new TraceQuery(10, 20, "checkout", "POST /checkout", 5L, 9L, true, 503, "shop", "s",
        "v", "api.shop.example/cart/{id}", java.util.Map.of("k", "v"), 7));
  }

  /** Until the store uses core's UrlPattern, both must fold a URL alike or URL searches miss. */
  @ParameterizedTest
  @ValueSource(strings = {"https://api.shop.example/cart/42?x=1", "HTTPS://API.Shop.Example:443/",
      "http://user@host:8080/a/0af7651916cd43dd8448eb211c80319c", "/orders/123e4567-e89b-12d3-a456-426614174000/items",
      "https://shop.example/cafe", "https://shop.example", "https://x.example/t/AbCdEfGhIjKlMnOpQrSt1", "#frag?q"})
  void urlPatterns_ofCoreAndTheStore_agree(String url) {
    assertThat(dev.tracebridge.core.search.UrlPattern.of(url)).isEqualTo(UrlPattern.of(url));
  }
}
