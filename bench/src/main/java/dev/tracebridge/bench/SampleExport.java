package dev.tracebridge.bench;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * A realistic OTLP export, as one service's SDK sends it: 20 traces of 10 spans (a SERVER root, outgoing
 * HTTP calls and database queries), 10 attributes on every span in the semantic conventions' names,
 * about 500 bytes per span in protobuf, one resource with service name, version, host and SDK
 * attributes. Encoded by the OpenTelemetry Java SDK's own marshaler, so the bytes are what its exporters
 * put on the wire. Ids and times come from a fixed seed: every run decodes the same bytes.
 */
public final class SampleExport {
  public static final int TRACES = 20;
  public static final int SPANS_PER_TRACE = 10;
  public static final int SPANS = TRACES * SPANS_PER_TRACE;
  public static final int ATTRIBUTES_PER_SPAN = 10;

  /** Any fixed seed: it only makes the ids, and so the encoded bytes, repeatable. */
  private static final long SEED = 20_261_125L;
  /** A fixed wall clock (2026-11-25T00:00:00Z) so that times, and their encoded sizes, are repeatable. */
  private static final long EPOCH_NANOS = 1_795_564_800_000_000_000L;
  private static final long MILLI = 1_000_000;
  /**
   * Traces start 50 ms apart, children 3 ms apart, each child takes 2 ms and a root 40 ms: times only
   * need to be plausible, and encode to the sizes real ones do.
   */
  private static final long TRACE_SPACING = 50 * MILLI;
  private static final long CHILD_SPACING = 3 * MILLI;
  private static final long CHILD_DURATION = 2 * MILLI;
  private static final long ROOT_DURATION = 40 * MILLI;
  /** Every third child is an outgoing HTTP call, the others are database queries. */
  private static final int HTTP_CALL_EVERY = 3;
  /** Order ids and SKUs in the sample's URLs and attributes start here. */
  private static final long FIRST_ORDER_ID = 100_000;
  private static final int FIRST_SKU = 4000;
  /** Every tenth database query fails, so error statuses are part of the mix. */
  private static final int FAILING_QUERY_EVERY = 10;

  private final List<SpanData> spans;

  private SampleExport(List<SpanData> spans) {
    this.spans = spans;
  }

  public static SampleExport create() {
    SplittableRandom random = new SplittableRandom(SEED);
    Ended ended = new Ended();
    // The SDK records nothing without a span processor; this one keeps each span as it ends.
    try (SdkTracerProvider provider = SdkTracerProvider.builder().setResource(resource())
        .setIdGenerator(new SeededIds(random)).addSpanProcessor(ended).build()) {
      Tracer tracer = provider.get("io.opentelemetry.tomcat-10.0", "2.33.1-alpha");
      for (int t = 0; t < TRACES; t++) {
        record(tracer, t);
      }
    }
    return new SampleExport(List.copyOf(ended.spans));
  }

  public List<SpanData> spans() {
    return spans;
  }

  public byte[] protobuf() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      TraceRequestMarshaler.create(spans).writeBinaryTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  public byte[] json() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      TraceRequestMarshaler.create(spans).writeJsonTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static Resource resource() {
    return Resource.getDefault().merge(Resource.create(Attributes.builder()
        .put("service.name", "checkout")
        .put("service.version", "4.12.0")
        .put("service.namespace", "shop")
        .put("deployment.environment.name", "production")
        .put("host.name", "checkout-7d9f8b6c5-x2lqp")
        .put("process.pid", 4127L)
        .put("process.runtime.name", "OpenJDK Runtime Environment")
        .put("process.runtime.version", "17.0.17+10")
        .build()));
  }

  /** One trace: the SERVER root, then per downstream call a CLIENT span, and database queries. */
  private static void record(Tracer tracer, int trace) {
    long start = EPOCH_NANOS + trace * TRACE_SPACING;
    long orderId = FIRST_ORDER_ID + trace;
    Span root = tracer.spanBuilder("POST /api/orders/{id}/checkout").setSpanKind(SpanKind.SERVER)
        .setNoParent().setStartTimestamp(start, TimeUnit.NANOSECONDS)
        .setAllAttributes(Attributes.builder()
            .put("http.request.method", "POST")
            .put("url.path", "/api/orders/" + orderId + "/checkout")
            .put("url.scheme", "https")
            .put("http.route", "/api/orders/{id}/checkout")
            .put("http.response.status_code", 200L)
            .put("server.address", "checkout.shop.internal")
            .put("server.port", 8443L)
            .put("network.protocol.version", "1.1")
            .put("client.address", "10.42.7." + (trace + 10))
            .put("user_agent.original", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/156.0")
            .build())
        .startSpan();
    Context parent = Context.root().with(root);
    for (int i = 1; i < SPANS_PER_TRACE; i++) {
      long childStart = start + i * CHILD_SPACING;
      Span child = i % HTTP_CALL_EVERY == 0
          ? httpCall(tracer, parent, childStart, i)
          : query(tracer, parent, childStart, orderId, i);
      child.end(childStart + CHILD_DURATION, TimeUnit.NANOSECONDS);
    }
    root.end(start + ROOT_DURATION, TimeUnit.NANOSECONDS);
  }

  private static Span httpCall(Tracer tracer, Context parent, long start, int index) {
    return tracer.spanBuilder("GET").setSpanKind(SpanKind.CLIENT).setParent(parent)
        .setStartTimestamp(start, TimeUnit.NANOSECONDS)
        .setAllAttributes(Attributes.builder()
            .put("http.request.method", "GET")
            .put("url.full", "http://inventory.shop.internal:8080/api/v2/stock?sku=SKU-" + (4000 + index)
                + "&warehouse=eu-central-1")
            .put("server.address", "inventory.shop.internal")
            .put("server.port", 8080L)
            .put("http.response.status_code", 200L)
            .put("network.protocol.version", "1.1")
            .put("network.peer.address", "10.42.3.17")
            .put("http.request.resend_count", 0L)
            .put("thread.id", 87L)
            .put("thread.name", "http-nio-8443-exec-4")
            .build())
        .startSpan();
  }

  private static Span query(Tracer tracer, Context parent, long start, long orderId, int index) {
    Span span = tracer.spanBuilder("SELECT shop.order_lines").setSpanKind(SpanKind.CLIENT)
        .setParent(parent).setStartTimestamp(start, TimeUnit.NANOSECONDS)
        .setAllAttributes(Attributes.builder()
            .put("db.system.name", "postgresql")
            .put("db.namespace", "shop")
            .put("db.operation.name", "SELECT")
            .put("db.collection.name", "order_lines")
            .put("db.query.text", "SELECT id, sku, qty, unit_price, currency, discount_code FROM "
                + "order_lines WHERE order_id = ? ORDER BY id")
            .put("server.address", "orders-db.shop.internal")
            .put("server.port", 5432L)
            .put("db.response.returned_rows", (long) index)
            .put("thread.name", "http-nio-8443-exec-4")
            .put("order.id", orderId)
            .build())
        .startSpan();
    if (index % FAILING_QUERY_EVERY == FAILING_QUERY_EVERY - 1) {
      span.setStatus(StatusCode.ERROR, "canceling statement due to statement timeout");
    }
    return span;
  }

  /** Keeps every span as it ends, in the order a batch processor would export them. */
  private static final class Ended implements SpanProcessor {
    final List<SpanData> spans = new ArrayList<>(SPANS);

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {}

    @Override
    public boolean isStartRequired() {
      return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
      spans.add(span.toSpanData());
    }

    @Override
    public boolean isEndRequired() {
      return true;
    }
  }

  /** Random-looking but repeatable ids. */
  private static final class SeededIds implements IdGenerator {
    private final SplittableRandom random;

    SeededIds(SplittableRandom random) {
      this.random = random;
    }

    @Override
    public String generateSpanId() {
      return String.format("%016x", random.nextLong() | 1);
    }

    @Override
    public String generateTraceId() {
      return String.format("%016x%016x", random.nextLong() | 1, random.nextLong());
    }
  }
}
