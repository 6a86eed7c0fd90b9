package dev.tracebridge.core.storage;

import dev.tracebridge.core.model.AttributeValue;
import dev.tracebridge.core.model.Attributes;
import dev.tracebridge.core.model.InstrumentationScope;
import dev.tracebridge.core.model.Resource;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.SpanEvent;
import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.SpanKind;
import dev.tracebridge.core.model.SpanLink;
import dev.tracebridge.core.model.SpanStatus;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.rum.HeaderFormat;
import dev.tracebridge.core.rum.PropagatedContext;
import dev.tracebridge.core.rum.ResourceTiming;
import dev.tracebridge.core.rum.ResourceType;
import dev.tracebridge.core.rum.RumContext;
import dev.tracebridge.core.rum.RumResource;
import dev.tracebridge.core.rum.RumView;
import dev.tracebridge.core.rum.Sampling;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/** Test data with every field filled, so a store that drops a field fails the round trip. */
public final class TestTelemetry {
  private TestTelemetry() {}

  public static TraceId randomTraceId() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return TraceId.of(r.nextLong() | 1L << 62, r.nextLong() | 1);
  }

  public static SpanId randomSpanId() {
    return SpanId.of(ThreadLocalRandom.current().nextLong() | 1);
  }

  public static Span fullSpan(TraceId traceId, SpanId spanId, @Nullable SpanId parent) {
    Attributes nested = Attributes.builder().put("inner", 7L).build();
    Attributes attrs = Attributes.builder()
        .put("http.request.method", "GET")
        .put("http.response.status_code", 200L)
        .put("retry", true)
        .put("ratio", 0.25)
        .put("payload", new AttributeValue.BytesValue(new byte[] {1, 2, 3}))
        .put("tags", new AttributeValue.ArrayValue(List.of(AttributeValue.of("a"), AttributeValue.of(2L))))
        .put("map", new AttributeValue.KeyValueList(nested))
        .put("unset", AttributeValue.Empty.INSTANCE)
        .build();
    Resource resource = new Resource(Attributes.builder().put("service.name", "checkout")
        .put("host.name", "web-1").build(), 1, "https://opentelemetry.io/schemas/1.24.0");
    InstrumentationScope scope = new InstrumentationScope("io.opentelemetry.jetty", "2.33.1",
        Attributes.builder().put("scope.attr", "x").build(), 0, "https://opentelemetry.io/schemas/1.21.0");
    SpanEvent exception = new SpanEvent("exception", 1_700_000_000_500_000_000L,
        Attributes.builder().put("exception.type", "java.lang.IllegalStateException")
            .put("exception.message", "boom").put("exception.stacktrace", "at x.y(Z.java:1)").build(), 2);
    SpanLink link = new SpanLink(randomTraceId(), randomSpanId(), "vendor=1", 1,
        Attributes.builder().put("link.kind", "follows").build(), 0);
    return Span.builder().traceId(traceId).spanId(spanId).parentSpanId(parent)
        .traceState("dd=s:1;o:rum").flags(1).name("GET /api/cart").kind(SpanKind.SERVER)
        .startEpochNanos(1_700_000_000_000_000_000L).endEpochNanos(1_700_000_000_900_000_000L)
        .attributes(attrs).droppedAttributesCount(3).events(List.of(exception)).droppedEventsCount(4)
        .links(List.of(link)).droppedLinksCount(5)
        .status(SpanStatus.of(SpanStatus.Code.ERROR, "boom")).resource(resource).scope(scope).build();
  }

  public static RumResource fullResource(TraceId traceId, SpanId browserSpanId) {
    return fullResource(traceId, browserSpanId, "shop-web", "session-1", 1_700_000_000_000L);
  }

  public static RumResource fullResource(TraceId traceId, SpanId browserSpanId, String app,
      String session, long epochMillis) {
    RumContext context = new RumContext(app, session, "view-1", "https://shop.example/cart", "user-42",
        Map.of(RumContext.TEST_SESSION, "run-7"));
    ResourceTiming timing = new ResourceTiming(ResourceTiming.UNKNOWN, ResourceTiming.UNKNOWN, 0,
        1_000_000, 2_000_000, 2_000_000, 5_000_000, 3_000_000, 5_500_000, 30_000_000, 42_000_000);
    return new RumResource("res-" + traceId + "-" + browserSpanId, context, epochMillis * 1_000_000,
        42_500_000, ResourceType.FETCH, "https://api.shop.example/cart/42", "GET", 200, timing,
        List.of(new PropagatedContext(HeaderFormat.W3C, traceId, browserSpanId, Sampling.SAMPLED)),
        Map.of("traceparent", "00-" + traceId + "-" + browserSpanId + "-01"),
        Attributes.builder().put("transfer_size", 1692L).build());
  }

  public static RumView view(String app, String session, String viewId, long epochMillis, long version) {
    RumContext context = new RumContext(app, session, viewId, "https://shop.example/cart", null, Map.of());
    return new RumView(viewId, context, epochMillis * 1_000_000, version * 1_000_000,
        "https://shop.example/cart", "https://shop.example/", version,
        Map.of("loading_time", 120_000_000L), Attributes.empty());
  }
}
