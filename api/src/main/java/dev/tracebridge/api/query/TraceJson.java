package dev.tracebridge.api.query;

import dev.tracebridge.core.join.ClockCorrection;
import dev.tracebridge.core.join.JoinedTrace;
import dev.tracebridge.core.join.ResourceVerdict;
import dev.tracebridge.core.join.TraceLink;
import dev.tracebridge.core.model.AttributeValue;
import dev.tracebridge.core.model.Attributes;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.SpanEvent;
import dev.tracebridge.core.model.SpanLink;
import dev.tracebridge.core.rum.PropagatedContext;
import dev.tracebridge.core.rum.ResourceTiming;
import dev.tracebridge.core.rum.RumResource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The JSON shape of a joined trace, as documented in docs/api.md and the OpenAPI description. Times
 * are unix epoch nanoseconds; ids are lowercase hex.
 */
record TraceJson(
    String traceId, List<SpanJson> spans, RumJson rum, List<LinkJson> links,
    List<VerdictJson> verdicts, List<ClockCorrectionJson> clockCorrections, List<String> warnings) {

  static TraceJson of(JoinedTrace trace) {
    return new TraceJson(trace.traceId().toHex(),
        trace.spans().stream().map(s -> SpanJson.of(s, trace)).toList(),
        new RumJson(trace.resources().stream().map(ResourceJson::of).toList()),
        trace.links().stream().map(LinkJson::of).toList(),
        trace.verdicts().stream().map(VerdictJson::of).toList(),
        trace.clockCorrections().stream().map(ClockCorrectionJson::of).toList(),
        trace.warnings());
  }

  /** The propagation verdict of one browser request, and the sampling decision the browser sent. */
  record VerdictJson(String resourceEventId, String browserSampling, String verdict, String reason) {
    static VerdictJson of(ResourceVerdict v) {
      return new VerdictJson(v.resourceEventId(), v.browserSampling().name().toLowerCase(java.util.Locale.ROOT),
          v.verdict().wireName(), v.reason());
    }
  }

  /**
   * The offset added to a service's times to put them on the browser's clock, measured from linked
   * requests: the true offset lies in [lowNanos, highNanos].
   */
  record ClockCorrectionJson(
      String service, String sessionId, long offsetNanos, long uncertaintyNanos, long lowNanos,
      long highNanos, int samples, String basis) {
    static ClockCorrectionJson of(ClockCorrection c) {
      return new ClockCorrectionJson(c.service(), c.sessionId(), c.offsetNanos(), c.uncertaintyNanos(),
          c.lowNanos(), c.highNanos(), c.samples(), c.basis().name().toLowerCase(java.util.Locale.ROOT));
    }
  }

  record SpanJson(
      String traceId, String spanId, @Nullable String parentSpanId, String service, String name,
      String kind, long startEpochNanos, long endEpochNanos, long durationNanos,
      long correctedStartEpochNanos, long correctedEndEpochNanos, StatusJson status,
      Map<String, Object> attributes, Map<String, Object> resource, ScopeJson scope,
      List<EventJson> events, List<SpanLinkJson> spanLinks, String traceState, int flags,
      DroppedJson dropped) {

    static SpanJson of(Span s, JoinedTrace trace) {
      return new SpanJson(s.traceId().toHex(), s.spanId().toHex(),
          s.parentSpanId() == null ? null : s.parentSpanId().toHex(), s.serviceName(), s.name(),
          s.kind().name(), s.startEpochNanos(), s.endEpochNanos(), s.durationNanos(),
          trace.correctedStartEpochNanos(s), trace.correctedEndEpochNanos(s),
          new StatusJson(s.status().code().name(), s.status().message()), json(s.attributes()),
          json(s.resource().attributes()),
          new ScopeJson(s.scope().name(), s.scope().version()),
          s.events().stream().map(EventJson::of).toList(),
          s.links().stream().map(SpanLinkJson::of).toList(), s.traceState(), s.flags(),
          new DroppedJson(s.droppedAttributesCount(), s.droppedEventsCount(), s.droppedLinksCount()));
    }
  }

  record StatusJson(String code, String message) {}

  record ScopeJson(String name, String version) {}

  record DroppedJson(int attributes, int events, int links) {}

  record EventJson(String name, long epochNanos, Map<String, Object> attributes) {
    static EventJson of(SpanEvent e) {
      return new EventJson(e.name(), e.epochNanos(), json(e.attributes()));
    }
  }

  record SpanLinkJson(String traceId, String spanId, Map<String, Object> attributes) {
    static SpanLinkJson of(SpanLink l) {
      return new SpanLinkJson(l.traceId().toHex(), l.spanId().toHex(), json(l.attributes()));
    }
  }

  record RumJson(List<ResourceJson> resources) {}

  record ResourceJson(
      String eventId, String appId, @Nullable String sessionId, @Nullable String viewId,
      @Nullable String viewUrl, String type, String url, String method, int statusCode,
      @Nullable String traceId, @Nullable String spanId, @Nullable String headerFormat,
      @Nullable String sampling, long startEpochNanos, long durationNanos,
      @Nullable Map<String, Long> timingNanos, List<ContextJson> propagation,
      Map<String, String> traceHeaders, Map<String, String> labels) {

    static ResourceJson of(RumResource r) {
      PropagatedContext primary = r.primaryContext();
      return new ResourceJson(r.eventId(), r.context().appId(), r.context().sessionId(),
          r.context().viewId(), r.context().viewUrl(), r.type().name().toLowerCase(java.util.Locale.ROOT),
          r.url(), r.method(), r.statusCode(),
          primary == null ? null : primary.traceId().toHex(),
          primary == null || primary.spanId() == null ? null : primary.spanId().toHex(),
          primary == null ? null : primary.format().wireName(),
          primary == null ? null : primary.sampling().name().toLowerCase(java.util.Locale.ROOT),
          r.epochNanos(), r.durationNanos(), timing(r.timing()),
          r.propagation().stream().map(ContextJson::of).toList(), r.traceHeaders(), r.context().labels());
    }
  }

  record ContextJson(String format, String traceId, @Nullable String spanId, String sampling) {
    static ContextJson of(PropagatedContext c) {
      return new ContextJson(c.format().wireName(), c.traceId().toHex(),
          c.spanId() == null ? null : c.spanId().toHex(),
          c.sampling().name().toLowerCase(java.util.Locale.ROOT));
    }
  }

  record LinkJson(
      String resourceEventId, String propagatedSpanId, String childSpanId, String match, double confidence) {
    static LinkJson of(TraceLink l) {
      return new LinkJson(l.resourceEventId(), l.propagatedSpanId().toHex(), l.childSpanId().toHex(),
          l.match().name().toLowerCase(java.util.Locale.ROOT), l.confidence());
    }
  }

  private static @Nullable Map<String, Long> timing(@Nullable ResourceTiming t) {
    if (t == null) return null;
    Map<String, Long> marks = new LinkedHashMap<>();
    put(marks, "redirectStart", t.redirectStart());
    put(marks, "redirectEnd", t.redirectEnd());
    put(marks, "fetchStart", t.fetchStart());
    put(marks, "domainLookupStart", t.domainLookupStart());
    put(marks, "domainLookupEnd", t.domainLookupEnd());
    put(marks, "connectStart", t.connectStart());
    put(marks, "connectEnd", t.connectEnd());
    put(marks, "secureConnectionStart", t.secureConnectionStart());
    put(marks, "requestStart", t.requestStart());
    put(marks, "responseStart", t.responseStart());
    put(marks, "responseEnd", t.responseEnd());
    return marks;
  }

  private static void put(Map<String, Long> marks, String name, long value) {
    if (value != ResourceTiming.UNKNOWN) marks.put(name, value);
  }

  static Map<String, Object> json(Attributes attributes) {
    Map<String, Object> out = new LinkedHashMap<>();
    attributes.asMap().forEach((k, v) -> out.put(k, json(v)));
    return out;
  }

  private static @Nullable Object json(AttributeValue value) {
    // Java 17 has no pattern matching for switch; the chain below covers every AttributeValue kind.
    if (value instanceof AttributeValue.StringValue s) return s.value();
    if (value instanceof AttributeValue.BoolValue b) return b.value();
    if (value instanceof AttributeValue.LongValue l) return l.value();
    if (value instanceof AttributeValue.DoubleValue d) return d.value();
    if (value instanceof AttributeValue.BytesValue b) return Base64.getEncoder().encodeToString(b.value());
    if (value instanceof AttributeValue.ArrayValue a) {
      List<Object> items = new ArrayList<>();
      for (AttributeValue item : a.values()) items.add(json(item));
      return items;
    }
    if (value instanceof AttributeValue.KeyValueList kv) return json(kv.values());
    return null;
  }
}
