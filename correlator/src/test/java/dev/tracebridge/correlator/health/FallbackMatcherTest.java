package dev.tracebridge.correlator.health;

import static dev.tracebridge.correlator.Requests.MS;
import static dev.tracebridge.correlator.Requests.T0;
import static dev.tracebridge.correlator.Requests.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.core.health.FallbackLink;
import dev.tracebridge.core.health.RootServerSpan;
import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.rum.RumResource;
import java.util.List;
import org.junit.jupiter.api.Test;

class FallbackMatcherTest {
  private final RumResource resource = request().session("s-1").url("https://api.shop.example/cart/42").build();

  @Test
  void oneSpanOfTheSession_isConfident() {
    FallbackLink link = FallbackMatcher.match(resource, List.of(span(1, "/cart/42", "s-1", 0),
        span(2, "/cart/42", "s-other", 0), span(3, "/cart/41", "", 0)));

    assertThat(link).isNotNull();
    assertThat(link.spanId()).isEqualTo(SpanId.of(1));
    assertThat(link.confidence()).isEqualTo(FallbackMatcher.SAME_SESSION);
  }

  @Test
  void severalOfTheSession_theNearestInTime_lessSure() {
    FallbackLink link = FallbackMatcher.match(resource, List.of(span(1, "/cart/42", "s-1", 40_000 * MS),
        span(2, "/cart/42", "s-1", -500 * MS)));

    assertThat(link).isNotNull();
    assertThat(link.spanId()).isEqualTo(SpanId.of(2));
    assertThat(link.confidence()).isEqualTo(FallbackMatcher.SAME_SESSION_NEAREST);
  }

  @Test
  void otherPathsOrOtherSessionsOnly_orTwoWithoutSession_joinNothing() {
    assertThat(FallbackMatcher.match(resource, List.of(span(1, "/cart/41", "s-1", 0)))).isNull();
    assertThat(FallbackMatcher.match(resource, List.of(span(1, "/cart/42", "s-9", 0)))).isNull();
    assertThat(FallbackMatcher.match(resource, List.of(span(1, "/cart/42", "", 0), span(2, "/cart/42", "", 0))))
        .isNull();
  }

  private static RootServerSpan span(long id, String path, String session, long offset) {
    return new RootServerSpan(TraceId.of(id, id), SpanId.of(id), "checkout", "GET", "/cart/{id}", path,
        T0 + offset, T0 + offset + 10 * MS, session);
  }
}
