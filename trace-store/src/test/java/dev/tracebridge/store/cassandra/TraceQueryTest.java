package dev.tracebridge.store.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TraceQueryTest {
  private static final Instant FROM = Instant.parse("2026-11-25T10:00:00Z");
  private static final Instant TO = Instant.parse("2026-11-25T11:00:00Z");

  @Test
  void builder_convertsTimesAndNormalisesTheUrlPattern() {
    TraceQuery query = TraceQuery.builder(FROM, TO).appId("web").urlPattern("https://A.example/x/12").build();

    assertThat(query.fromEpochNanos()).isEqualTo(FROM.getEpochSecond() * 1_000_000_000L);
    assertThat(query.urlPattern()).isEqualTo("a.example/x/{id}");
    assertThat(query.limit()).isEqualTo(TraceQuery.DEFAULT_LIMIT);
  }

  @Test
  void invalidQueries_sayWhatIsMissing() {
    assertThatThrownBy(() -> TraceQuery.builder(FROM, TO).build())
        .hasMessage("service, sessionId, viewId, urlPattern: all missing (expected: at least one to search by)");
    assertThatThrownBy(() -> TraceQuery.builder(TO, FROM).service("s").build())
        .hasMessageStartingWith("toEpochNanos: ");
    assertThatThrownBy(() -> TraceQuery.builder(FROM, TO).sessionId("s").build())
        .hasMessage("appId: missing (expected: with a session, view or URL pattern)");
    assertThatThrownBy(() -> TraceQuery.builder(FROM, TO).service("s").limit(0).build())
        .hasMessage("limit: 0 (expected: 1 to 1000)");
    assertThatThrownBy(() -> TraceQuery.builder(FROM, TO).service("s").minDurationNanos(10).maxDurationNanos(5).build())
        .hasMessage("maxDurationNanos: 5 (expected: >= minDurationNanos 10)");
  }
}
