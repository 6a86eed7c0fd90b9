package dev.tracebridge.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.core.model.Attributes;
import dev.tracebridge.core.model.Resource;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.SpanKind;
import dev.tracebridge.core.storage.TestTelemetry;
import org.junit.jupiter.api.Test;

class RootServerSpanTest {

  @Test
  void parentlessServerSpanWithHttpAttributes_isIndexedByMethodAndFoldedPath() {
    Span span = server(Attributes.builder().put("http.request.method", "get").put("url.path", "/cart/42")
        .put("session.id", "s-7").build()).build();

    RootServerSpan entry = RootServerSpan.of(span);

    assertThat(entry).isNotNull();
    assertThat(entry.method()).isEqualTo("GET");
    assertThat(entry.pathPattern()).isEqualTo("/cart/{id}");
    assertThat(entry.path()).isEqualTo("/cart/42");
    assertThat(entry.sessionId()).isEqualTo("s-7");
    assertThat(entry.service()).isEqualTo("checkout");
  }

  @Test
  void oldSemanticConventions_fullUrl_areRead() {
    Span span = server(Attributes.builder().put("http.method", "POST")
        .put("http.url", "http://10.0.0.5:8080/orders/3f2504e0-4f89-11d3-9a0c-0305e82c3301?x=1").build()).build();

    RootServerSpan entry = RootServerSpan.of(span);

    assertThat(entry).isNotNull();
    assertThat(entry.pathPattern()).isEqualTo("/orders/{id}");
    assertThat(entry.sessionId()).isEmpty();
  }

  @Test
  void childSpans_clientSpans_andSpansWithoutHttp_areNotIndexed() {
    Attributes http = Attributes.builder().put("http.request.method", "GET").put("url.path", "/a").build();

    assertThat(RootServerSpan.of(server(http).parentSpanId(TestTelemetry.randomSpanId()).build())).isNull();
    assertThat(RootServerSpan.of(server(http).kind(SpanKind.CLIENT).build())).isNull();
    assertThat(RootServerSpan.of(server(Attributes.empty()).build())).isNull();
  }

  private static Span.Builder server(Attributes attributes) {
    return Span.builder().traceId(TestTelemetry.randomTraceId()).spanId(TestTelemetry.randomSpanId())
        .kind(SpanKind.SERVER).name("GET /cart/{id}").startEpochNanos(1).endEpochNanos(2)
        .attributes(attributes)
        .resource(Resource.of(Attributes.builder().put("service.name", "checkout").build()));
  }
}
