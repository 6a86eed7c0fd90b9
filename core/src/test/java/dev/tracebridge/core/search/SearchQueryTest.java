package dev.tracebridge.core.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SearchQueryTest {
  private static final long FROM = 1_700_000_000_000_000_000L;
  private static final long TO = FROM + 3_600_000_000_000L;

  @Test
  void builder_normalisesTheUrlPatternAndDefaultsTheLimit() {
    SearchQuery query = SearchQuery.builder(FROM, TO).appId("web").urlPattern("https://A.example/x/12").build();

    assertThat(query.fromEpochNanos()).isEqualTo(FROM);
    assertThat(query.urlPattern()).isEqualTo("a.example/x/{id}");
    assertThat(query.limit()).isEqualTo(SearchQuery.DEFAULT_LIMIT);
  }

  @Test
  void invalidQueries_sayWhatIsWrong() {
    assertThatThrownBy(() -> SearchQuery.builder(TO, FROM).service("s").build())
        .hasMessageStartingWith("toEpochNanos: ");
    assertThatThrownBy(() -> SearchQuery.builder(FROM, TO).sessionId("s").build())
        .hasMessage("appId: missing (expected: with a session, view or URL pattern)");
    assertThatThrownBy(() -> SearchQuery.builder(FROM, TO).service("s").limit(0).build())
        .hasMessage("limit: 0 (expected: 1 to 1000)");
    assertThatThrownBy(() -> SearchQuery.builder(FROM, TO).service("s").minDurationNanos(10L)
        .maxDurationNanos(5L).build())
        .hasMessage("maxDurationNanos: 5 (expected: >= minDurationNanos 10)");
    assertThatThrownBy(() -> SearchQuery.builder(FROM, TO).operation("GET /").build())
        .hasMessage("operation: 'GET /' (expected: with a service)");
  }

  @Test
  void timeRangeAlone_hasNoIndexCriterion() {
    assertThat(SearchQuery.builder(FROM, TO).errorsOnly(true).build().hasIndexCriterion()).isFalse();
    assertThat(SearchQuery.builder(FROM, TO).service("s").build().hasIndexCriterion()).isTrue();
    assertThat(SearchQuery.builder(FROM, TO).appId("web").viewId("v").build().hasIndexCriterion()).isTrue();
  }
}
