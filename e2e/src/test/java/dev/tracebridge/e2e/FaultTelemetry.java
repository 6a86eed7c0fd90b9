package dev.tracebridge.e2e;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Telemetry for the fault tests, made by the real OpenTelemetry SDK: traces of {@link #SPANS_PER_TRACE}
 * spans (a SERVER root and its CLIENT children, a few attributes each), and native RUM resources that
 * carry a trace's traceparent.
 */
final class FaultTelemetry {
  static final int SPANS_PER_TRACE = 10;
  static final String SERVICE = "fault-checkout";
  private static final String RUM_APP = "fault-web";

  private FaultTelemetry() {}

  /** {@code traces} new traces, ended and ready to export. */
  static Batch traces(int traces) {
    Captured captured = new Captured();
    try (SdkTracerProvider provider = SdkTracerProvider.builder()
        .setResource(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), SERVICE)))
        .addSpanProcessor(captured).build()) {
      Tracer tracer = provider.get("tracebridge-fault-tests");
      for (int t = 0; t < traces; t++) {
        Span root = tracer.spanBuilder("POST /api/orders").setSpanKind(SpanKind.SERVER).setNoParent()
            .setAttribute("http.request.method", "POST").setAttribute("http.route", "/api/orders")
            .setAttribute("http.response.status_code", 200L).startSpan();
        Context parent = Context.root().with(root);
        for (int i = 1; i < SPANS_PER_TRACE; i++) {
          tracer.spanBuilder("SELECT orders").setSpanKind(SpanKind.CLIENT).setParent(parent)
              .setAttribute("db.system.name", "postgresql").setAttribute("db.operation.name", "SELECT")
              .setAttribute("db.response.returned_rows", (long) i).startSpan().end();
        }
        root.end();
      }
    }
    Set<String> ids = new LinkedHashSet<>();
    captured.spans.forEach(s -> ids.add(s.getTraceId()));
    return new Batch(List.copyOf(captured.spans), List.copyOf(ids));
  }

  /** A native RUM batch: for each trace one fetch resource, event id {@code fault-<traceId>}. */
  static String rumBatch(List<String> traceIds) {
    StringBuilder json = new StringBuilder("[");
    long now = System.currentTimeMillis();
    for (String traceId : traceIds) {
      if (json.length() > 1) json.append(',');
      json.append("""
          {"type":"resource","id":"%s","date":%d,"app":{"id":"%s"},"session":{"id":"fault-session"},
           "view":{"id":"fault-view","url":"https://shop.example/checkout"},
           "resource":{"url":"https://api.shop.example/api/orders","method":"POST","status_code":200,"duration_ms":30},
           "trace":{"headers":{"traceparent":"00-%s-%s-01"}}}""".formatted(eventId(traceId), now, RUM_APP,
          traceId, OtelTraces.spanId()));
    }
    return json.append(']').toString();
  }

  static String eventId(String traceId) {
    return "fault-" + traceId;
  }

  record Batch(List<SpanData> spans, List<String> traceIds) {}

  /** Keeps every span as it ends. */
  private static final class Captured implements SpanProcessor {
    final List<SpanData> spans = new ArrayList<>();

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {}

    @Override
    public boolean isStartRequired() {
      return false;
    }

    @Override
    public synchronized void onEnd(ReadableSpan span) {
      spans.add(span.toSpanData());
    }

    @Override
    public boolean isEndRequired() {
      return true;
    }
  }
}
