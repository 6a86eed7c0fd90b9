package dev.tracebridge.api.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.core.search.SearchQuery;
import dev.tracebridge.store.cassandra.TraceQuery;
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
}
