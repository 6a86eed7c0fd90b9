package dev.tracebridge.bench.correlator;

import dev.tracebridge.core.model.Attributes;
import dev.tracebridge.core.model.Resource;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.SpanKind;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.rum.HeaderFormat;
import dev.tracebridge.core.rum.PropagatedContext;
import dev.tracebridge.core.rum.ResourceTiming;
import dev.tracebridge.core.rum.ResourceType;
import dev.tracebridge.core.rum.RumContext;
import dev.tracebridge.core.rum.RumResource;
import dev.tracebridge.core.rum.Sampling;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Front-to-back traffic as the correlator sees it: browser fetches propagated the way Datadog RUM 7 does by
 * default (zero-padded traceparent, x-datadog-* decimal, _dd.trace_id: three contexts of one id) with
 * Resource Timing, and the backend traces they started, 10 spans each (a SERVER span under the browser's
 * span, then HTTP, database and internal spans) with the semantic conventions' attributes. One request in
 * ten reaches the backend without its headers (a parentless server span). Seeded: every run sees the same.
 */
final class BrowserTraffic {
  static final int REQUESTS = 20;
  static final int SPANS_PER_TRACE = 10;
  static final int SPANS = REQUESTS * SPANS_PER_TRACE;
  static final long T0 = 1_700_000_000_000_000_000L;
  private static final long MS = 1_000_000L;
  private static final int STRIPPED_EVERY = 10;

  final List<RumResource> resources = new ArrayList<>(REQUESTS);
  final List<Span> spans = new ArrayList<>(SPANS);

  BrowserTraffic(int requests, long seed) {
    Random random = new Random(seed);
    Resource service = Resource.of(Attributes.builder().put("service.name", "checkout")
        .put("service.version", "2.4.1").put("deployment.environment", "prod").put("host.name", "web-3").build());
    for (int i = 0; i < requests; i++) {
      TraceId trace = TraceId.of(0, random.nextLong() | 1);
      SpanId browserSpan = SpanId.of(random.nextLong() | 1);
      long start = T0 + i * 250 * MS;
      String path = "/api/cart/" + (1000 + i) + "/items";
      resources.add(resource(i, trace, browserSpan, start, path));
      boolean stripped = i % STRIPPED_EVERY == STRIPPED_EVERY - 1;
      TraceId backendTrace = stripped ? TraceId.of(random.nextLong() | 1, random.nextLong() | 1) : trace;
      SpanId serverId = SpanId.of(random.nextLong() | 1);
      spans.add(Span.builder().traceId(backendTrace).spanId(serverId).parentSpanId(stripped ? null : browserSpan)
          .kind(SpanKind.SERVER).name("GET /api/cart/{id}/items").startEpochNanos(start + 20 * MS)
          .endEpochNanos(start + 80 * MS).resource(service)
          .attributes(Attributes.builder().put("http.request.method", "GET").put("url.path", path)
              .put("url.scheme", "https").put("http.route", "/api/cart/{id}/items")
              .put("http.response.status_code", 200L).put("server.address", "api.shop.example")
              .put("client.address", "10.0.4.17").put("user_agent.original", "Mozilla/5.0")
              .put("network.protocol.version", "1.1").put("thread.name", "http-nio-8080-exec-7").build())
          .build());
      for (int s = 1; s < SPANS_PER_TRACE; s++) {
        spans.add(Span.builder().traceId(backendTrace).spanId(SpanId.of(random.nextLong() | 1)).parentSpanId(serverId)
            .kind(s % 3 == 0 ? SpanKind.INTERNAL : SpanKind.CLIENT).name(s % 2 == 0 ? "SELECT cart_items" : "GET")
            .startEpochNanos(start + (20 + 5 * s) * MS).endEpochNanos(start + (23 + 5 * s) * MS).resource(service)
            .attributes(Attributes.builder().put("db.system", "postgresql").put("db.namespace", "shop")
                .put("db.operation.name", "SELECT").put("server.address", "db-1").put("server.port", 5432L).build())
            .build());
      }
    }
  }

  private static RumResource resource(int i, TraceId trace, SpanId span, long start, String path) {
    RumContext context = new RumContext("shop-web", "session-" + (i / 8), "view-" + (i / 4),
        "https://shop.example/cart", "user-42", Map.of());
    ResourceTiming timing = new ResourceTiming(ResourceTiming.UNKNOWN, ResourceTiming.UNKNOWN, 0, MS, 2 * MS,
        2 * MS, 5 * MS, 3 * MS, 6 * MS, 95 * MS, 100 * MS);
    List<PropagatedContext> contexts = List.of(
        new PropagatedContext(HeaderFormat.W3C, trace, span, Sampling.SAMPLED),
        new PropagatedContext(HeaderFormat.DATADOG, trace, span, Sampling.SAMPLED),
        new PropagatedContext(HeaderFormat.SDK_REPORTED, trace, span, Sampling.SAMPLED));
    return new RumResource("res-" + i + "-" + trace.toHex(), context, start, 100 * MS, ResourceType.FETCH,
        "https://api.shop.example" + path + "?expand=true", "GET", 200, timing, contexts,
        Map.of("traceparent", "00-" + trace.toHex() + "-" + span.toHex() + "-01",
            "x-datadog-trace-id", Long.toUnsignedString(trace.low())),
        Attributes.builder().put("transfer_size", 1692L).build());
  }
}
