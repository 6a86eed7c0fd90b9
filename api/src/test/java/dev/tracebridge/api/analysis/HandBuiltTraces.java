package dev.tracebridge.api.analysis;

import dev.tracebridge.core.join.ClockCorrection;
import dev.tracebridge.core.join.JoinedTrace;
import dev.tracebridge.core.join.LinkMatch;
import dev.tracebridge.core.join.TraceLink;
import dev.tracebridge.core.model.Attributes;
import dev.tracebridge.core.model.Resource;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.SpanEvent;
import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.SpanKind;
import dev.tracebridge.core.model.SpanStatus;
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
import org.jspecify.annotations.Nullable;

/** Traces written by hand, in milliseconds after a fixed instant, so each test states its shape. */
final class HandBuiltTraces {
  static final TraceId TRACE_ID = TraceId.fromHex("4bf92f3577b34da6a3ce929d0e0e4736");
  static final long T0 = 1_764_079_200_000_000_000L;
  static final long MS = 1_000_000;
  /** The span id the browser propagated: the backend's server span has it as its parent. */
  static final SpanId BROWSER_SPAN = SpanId.fromHex("00f067aa0ba902b7");

  private final List<Span> spans = new ArrayList<>();
  private final List<RumResource> resources = new ArrayList<>();
  private final List<TraceLink> links = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private final List<ClockCorrection> corrections = new ArrayList<>();

  static HandBuiltTraces trace() {
    return new HandBuiltTraces();
  }

  HandBuiltTraces span(String id, @Nullable String parent, String service, String name, long startMs, long endMs) {
    spans.add(builder(id, parent, service, name, startMs, endMs).build());
    return this;
  }

  HandBuiltTraces errorSpan(String id, @Nullable String parent, String service, String name, long startMs,
      long endMs, @Nullable String exceptionType) {
    Span.Builder b = builder(id, parent, service, name, startMs, endMs)
        .status(SpanStatus.of(SpanStatus.Code.ERROR, name + " failed"));
    if (exceptionType != null) {
      b.events(List.of(new SpanEvent("exception", T0 + endMs * MS, Attributes.builder()
          .put("exception.type", exceptionType).put("exception.message", "timeout after 500 ms")
          .put("exception.stacktrace", exceptionType + ": timeout\n\tat Db.query(Db.java:42)").build(), 0)));
    }
    spans.add(b.build());
    return this;
  }

  /**
   * A fetch with full Resource Timing: queueing 0-2, dns 2-5, connect 5-10, tls 7-10, request 10-12,
   * server wait 12-{@code firstByteMs}, download to {@code endMs - 1}, processing 1 ms.
   */
  HandBuiltTraces fetch(String eventId, int status, long startMs, long firstByteMs, long endMs) {
    ResourceTiming timing = new ResourceTiming(ResourceTiming.UNKNOWN, ResourceTiming.UNKNOWN, 0,
        2 * MS, 5 * MS, 5 * MS, 10 * MS, 7 * MS, 12 * MS, (firstByteMs - startMs) * MS,
        (endMs - startMs - 1) * MS);
    resources.add(resource(eventId, status, startMs, endMs, timing));
    return this;
  }

  /** A fetch without timing marks (cross-origin without Timing-Allow-Origin). */
  HandBuiltTraces fetchWithoutTiming(String eventId, int status, long startMs, long endMs) {
    resources.add(resource(eventId, status, startMs, endMs, null));
    return this;
  }

  HandBuiltTraces link(String eventId, String childSpan) {
    links.add(new TraceLink(eventId, BROWSER_SPAN, SpanId.fromHex(childSpan), LinkMatch.EXACT));
    return this;
  }

  /** The correlator measured that {@code service}'s clock is {@code -offsetMs} ahead of the browser's. */
  HandBuiltTraces clockCorrection(String service, long offsetMs) {
    corrections.add(new ClockCorrection(service, "s-1", offsetMs * MS, MS, (offsetMs - 1) * MS,
        (offsetMs + 1) * MS, 1, ClockCorrection.Basis.BROWSER_WINDOWS));
    return this;
  }

  JoinedTrace build() {
    return new JoinedTrace(TRACE_ID, spans, resources, links, warnings, corrections, List.of());
  }

  private static Span.Builder builder(String id, @Nullable String parent, String service, String name,
      long startMs, long endMs) {
    return Span.builder().traceId(TRACE_ID).spanId(SpanId.fromHex(id))
        .parentSpanId(parent == null ? null : SpanId.fromHex(parent)).name(name).kind(SpanKind.SERVER)
        .startEpochNanos(T0 + startMs * MS).endEpochNanos(T0 + endMs * MS)
        .resource(Resource.of(Attributes.builder().put("service.name", service).build()));
  }

  private static RumResource resource(String eventId, int status, long startMs, long endMs,
      @Nullable ResourceTiming timing) {
    RumContext context = new RumContext("shop-web", "s-1", "v-1", "https://shop.example/checkout", null, Map.of());
    return new RumResource(eventId, context, T0 + startMs * MS, (endMs - startMs) * MS, ResourceType.FETCH,
        "https://api.shop.example/checkout", "POST", status, timing,
        List.of(new PropagatedContext(HeaderFormat.W3C, TRACE_ID, BROWSER_SPAN, Sampling.SAMPLED)),
        Map.of(), Attributes.empty());
  }
}
