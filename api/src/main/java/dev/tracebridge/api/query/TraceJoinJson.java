package dev.tracebridge.api.query;

import dev.tracebridge.core.join.ClockCorrection;
import dev.tracebridge.core.join.ResourceVerdict;
import dev.tracebridge.core.join.TraceLink;
import dev.tracebridge.core.rum.PropagatedContext;
import dev.tracebridge.core.rum.ResourceTiming;
import dev.tracebridge.core.rum.RumResource;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;

/**
 * The browser side of a joined trace's JSON and what joined it to the backend: {@code rum.resources},
 * {@code links}, {@code verdicts} and {@code clockCorrections}, written by {@link TraceJson}.
 */
final class TraceJoinJson {
  private TraceJoinJson() {}

  static void writeRum(JsonGenerator out, List<RumResource> resources) {
    out.writeObjectPropertyStart("rum");
    out.writeArrayPropertyStart("resources");
    for (RumResource r : resources) writeResource(out, r);
    out.writeEndArray();
    out.writeEndObject();
  }

  static void writeLinks(JsonGenerator out, List<TraceLink> links) {
    out.writeArrayPropertyStart("links");
    for (TraceLink l : links) {
      out.writeStartObject();
      out.writeStringProperty("resourceEventId", l.resourceEventId());
      out.writeStringProperty("propagatedSpanId", l.propagatedSpanId().toHex());
      out.writeStringProperty("childSpanId", l.childSpanId().toHex());
      out.writeStringProperty("match", lower(l.match().name()));
      out.writeNumberProperty("confidence", l.confidence());
      out.writeEndObject();
    }
    out.writeEndArray();
  }

  /** The propagation verdict of each browser request, and the sampling decision the browser sent. */
  static void writeVerdicts(JsonGenerator out, List<ResourceVerdict> verdicts) {
    out.writeArrayPropertyStart("verdicts");
    for (ResourceVerdict v : verdicts) {
      out.writeStartObject();
      out.writeStringProperty("resourceEventId", v.resourceEventId());
      out.writeStringProperty("browserSampling", lower(v.browserSampling().name()));
      out.writeStringProperty("verdict", v.verdict().wireName());
      out.writeStringProperty("reason", v.reason());
      out.writeEndObject();
    }
    out.writeEndArray();
  }

  /**
   * The offset added to a service's times to put them on the browser's clock, measured from linked
   * requests: the true offset lies in [lowNanos, highNanos].
   */
  static void writeClockCorrections(JsonGenerator out, List<ClockCorrection> corrections) {
    out.writeArrayPropertyStart("clockCorrections");
    for (ClockCorrection c : corrections) {
      out.writeStartObject();
      out.writeStringProperty("service", c.service());
      out.writeStringProperty("sessionId", c.sessionId());
      out.writeNumberProperty("offsetNanos", c.offsetNanos());
      out.writeNumberProperty("uncertaintyNanos", c.uncertaintyNanos());
      out.writeNumberProperty("lowNanos", c.lowNanos());
      out.writeNumberProperty("highNanos", c.highNanos());
      out.writeNumberProperty("samples", c.samples());
      out.writeStringProperty("basis", lower(c.basis().name()));
      out.writeEndObject();
    }
    out.writeEndArray();
  }

  private static void writeResource(JsonGenerator out, RumResource r) {
    PropagatedContext primary = r.primaryContext();
    out.writeStartObject();
    out.writeStringProperty("eventId", r.eventId());
    out.writeStringProperty("appId", r.context().appId());
    out.writeStringProperty("sessionId", r.context().sessionId());
    out.writeStringProperty("viewId", r.context().viewId());
    out.writeStringProperty("viewUrl", r.context().viewUrl());
    out.writeStringProperty("type", lower(r.type().name()));
    out.writeStringProperty("url", r.url());
    out.writeStringProperty("method", r.method());
    out.writeNumberProperty("statusCode", r.statusCode());
    out.writeStringProperty("traceId", primary == null ? null : primary.traceId().toHex());
    out.writeStringProperty("spanId", primary == null || primary.spanId() == null ? null : primary.spanId().toHex());
    out.writeStringProperty("headerFormat", primary == null ? null : primary.format().wireName());
    out.writeStringProperty("sampling", primary == null ? null : lower(primary.sampling().name()));
    out.writeNumberProperty("startEpochNanos", r.epochNanos());
    out.writeNumberProperty("durationNanos", r.durationNanos());
    out.writeName("timingNanos");
    writeTiming(out, r.timing());
    out.writeArrayPropertyStart("propagation");
    for (PropagatedContext c : r.propagation()) {
      out.writeStartObject();
      out.writeStringProperty("format", c.format().wireName());
      out.writeStringProperty("traceId", c.traceId().toHex());
      out.writeStringProperty("spanId", c.spanId() == null ? null : c.spanId().toHex());
      out.writeStringProperty("sampling", lower(c.sampling().name()));
      out.writeEndObject();
    }
    out.writeEndArray();
    writeStrings(out, "traceHeaders", r.traceHeaders());
    writeStrings(out, "labels", r.context().labels());
    out.writeEndObject();
  }

  /** The Resource Timing marks the browser gave, nanoseconds after the request's start; null without any. */
  private static void writeTiming(JsonGenerator out, @Nullable ResourceTiming t) {
    if (t == null) {
      out.writeNull();
      return;
    }
    out.writeStartObject();
    mark(out, "redirectStart", t.redirectStart());
    mark(out, "redirectEnd", t.redirectEnd());
    mark(out, "fetchStart", t.fetchStart());
    mark(out, "domainLookupStart", t.domainLookupStart());
    mark(out, "domainLookupEnd", t.domainLookupEnd());
    mark(out, "connectStart", t.connectStart());
    mark(out, "connectEnd", t.connectEnd());
    mark(out, "secureConnectionStart", t.secureConnectionStart());
    mark(out, "requestStart", t.requestStart());
    mark(out, "responseStart", t.responseStart());
    mark(out, "responseEnd", t.responseEnd());
    out.writeEndObject();
  }

  private static void mark(JsonGenerator out, String name, long value) {
    if (value != ResourceTiming.UNKNOWN) out.writeNumberProperty(name, value);
  }

  private static void writeStrings(JsonGenerator out, String name, Map<String, String> values) {
    out.writeObjectPropertyStart(name);
    for (Map.Entry<String, String> e : values.entrySet()) out.writeStringProperty(e.getKey(), e.getValue());
    out.writeEndObject();
  }

  private static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
