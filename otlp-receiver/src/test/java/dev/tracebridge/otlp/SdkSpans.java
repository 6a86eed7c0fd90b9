package dev.tracebridge.otlp;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records a small trace with the real OpenTelemetry Java SDK, using everything its API can express:
 * every attribute type, a parent and a child, an exception event, a link with attributes and trace
 * state, an error status. Tests send it through the SDK's own exporters and compare what arrives.
 */
final class SdkSpans {
  static final String SERVICE = "checkout";
  static final SpanContext LINKED = SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736",
      "00f067aa0ba902b7", TraceFlags.getSampled(), TraceState.builder().put("vendor", "v1").build());

  private SdkSpans() {}

  static Resource resource() {
    return Resource.getDefault().merge(Resource.create(Attributes.builder()
        .put("service.name", SERVICE).put("host.name", "web-1").build(),
        "https://opentelemetry.io/schemas/1.24.0"));
  }

  /** Emits the trace through {@code tracer}: a SERVER parent and a CLIENT child that failed. */
  static void emit(Tracer tracer) {
    Span parent = tracer.spanBuilder("GET /api/cart").setSpanKind(SpanKind.SERVER)
        .setAttribute("http.request.method", "GET")
        .setAttribute("http.response.status_code", 500L)
        .setAttribute("retry", true)
        .setAttribute("ratio", 0.25)
        .setAttribute(AttributeKey.stringArrayKey("tags"), List.of("a", "b"))
        .setAttribute(AttributeKey.longArrayKey("ports"), List.of(80L, 443L))
        .setAttribute(AttributeKey.doubleArrayKey("weights"), List.of(0.5, 1.5))
        .setAttribute(AttributeKey.booleanArrayKey("flags"), List.of(true, false))
        .startSpan();
    try (Scope ignored = parent.makeCurrent()) {
      Span child = tracer.spanBuilder("SELECT cart").setSpanKind(SpanKind.CLIENT)
          .addLink(LINKED, Attributes.of(AttributeKey.stringKey("link.kind"), "follows"))
          .startSpan();
      child.addEvent("cache.miss", Attributes.of(AttributeKey.longKey("attempt"), 2L));
      child.recordException(new IllegalStateException("boom"));
      child.setStatus(StatusCode.ERROR, "database down");
      child.end();
    } finally {
      parent.end();
    }
  }

  /** The spans {@link #emit} makes, as SpanData, for tests that marshal them with the SDK directly. */
  static List<SpanData> record() {
    Captured captured = new Captured();
    try (SdkTracerProvider provider = SdkTracerProvider.builder().setResource(resource())
        .addSpanProcessor(SimpleSpanProcessor.create(captured)).build()) {
      emit(provider.get("io.opentelemetry.test", "1.2.3"));
    }
    return List.copyOf(captured.spans);
  }

  /**
   * A fetch span shaped as the OpenTelemetry web SDK records one (its instrumentation scope, semantic
   * convention attributes, Resource Timing marks as events), sent here by the Java SDK's exporters.
   */
  static List<SpanData> recordBrowserFetch() {
    Captured captured = new Captured();
    Resource web = Resource.create(Attributes.builder().put("service.name", "shop-web")
        .put("telemetry.sdk.language", "webjs").build());
    try (SdkTracerProvider provider = SdkTracerProvider.builder().setResource(web)
        .addSpanProcessor(SimpleSpanProcessor.create(captured)).build()) {
      Tracer tracer = provider.get("@opentelemetry/instrumentation-fetch", "0.223.0");
      long start = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
      Span fetch = tracer.spanBuilder("GET").setSpanKind(SpanKind.CLIENT)
          .setStartTimestamp(start, java.util.concurrent.TimeUnit.NANOSECONDS)
          .setAttribute("http.request.method", "GET")
          .setAttribute("url.full", "https://api.shop.example/cart")
          .setAttribute("http.response.status_code", 200L)
          .startSpan();
      fetch.addEvent("requestStart", start + 2_000_000, java.util.concurrent.TimeUnit.NANOSECONDS);
      fetch.addEvent("responseStart", start + 9_000_000, java.util.concurrent.TimeUnit.NANOSECONDS);
      fetch.end(start + 10_000_000, java.util.concurrent.TimeUnit.NANOSECONDS);
    }
    return List.copyOf(captured.spans);
  }

  private static final class Captured implements SpanExporter {
    final List<SpanData> spans = new CopyOnWriteArrayList<>();

    @Override
    public CompletableResultCode export(Collection<SpanData> batch) {
      spans.addAll(batch);
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
