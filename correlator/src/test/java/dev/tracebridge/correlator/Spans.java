package dev.tracebridge.correlator;

import dev.tracebridge.core.model.Attributes;
import dev.tracebridge.core.model.Resource;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.SpanKind;
import dev.tracebridge.core.model.TraceId;
import org.jspecify.annotations.Nullable;

/** Builds backend spans for correlator tests: a server span of an HTTP request unless told otherwise. */
public final class Spans {
  private Spans() {}

  public static Span.Builder server(TraceId traceId, SpanId spanId, @Nullable SpanId parent, String service,
      long start, long end) {
    return Span.builder().traceId(traceId).spanId(spanId).parentSpanId(parent).kind(SpanKind.SERVER)
        .name("GET /cart/{id}").startEpochNanos(start).endEpochNanos(end)
        .attributes(Attributes.builder().put("http.request.method", "GET").put("url.path", "/cart/42").build())
        .resource(Resource.of(Attributes.builder().put("service.name", service).build()));
  }

  public static Span.Builder child(Span parent, SpanId spanId, String service, SpanKind kind, long start, long end) {
    return Span.builder().traceId(parent.traceId()).spanId(spanId).parentSpanId(parent.spanId()).kind(kind)
        .name(service + " work").startEpochNanos(start).endEpochNanos(end)
        .resource(Resource.of(Attributes.builder().put("service.name", service).build()));
  }
}
