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

/**
 * The browser side of a joined trace's JSON and what joined it to the backend: {@code rum.resources},
 * {@code links}, {@code verdicts} and {@code clockCorrections}, written by {@link TraceJson}.
 */
final class TraceJoinJson {
  private static final JsonBytes.Name APP_ID = JsonBytes.Name.of("appId");
  private static final JsonBytes.Name BASIS = JsonBytes.Name.of("basis");
  private static final JsonBytes.Name BROWSER_SAMPLING = JsonBytes.Name.of("browserSampling");
  private static final JsonBytes.Name CHILD_SPAN_ID = JsonBytes.Name.of("childSpanId");
  private static final JsonBytes.Name CLOCK_CORRECTIONS = JsonBytes.Name.of("clockCorrections");
  private static final JsonBytes.Name CONFIDENCE = JsonBytes.Name.of("confidence");
  private static final JsonBytes.Name CONNECT_END = JsonBytes.Name.of("connectEnd");
  private static final JsonBytes.Name CONNECT_START = JsonBytes.Name.of("connectStart");
  private static final JsonBytes.Name DOMAIN_LOOKUP_END = JsonBytes.Name.of("domainLookupEnd");
  private static final JsonBytes.Name DOMAIN_LOOKUP_START = JsonBytes.Name.of("domainLookupStart");
  private static final JsonBytes.Name DURATION_NANOS = JsonBytes.Name.of("durationNanos");
  private static final JsonBytes.Name EVENT_ID = JsonBytes.Name.of("eventId");
  private static final JsonBytes.Name FETCH_START = JsonBytes.Name.of("fetchStart");
  private static final JsonBytes.Name FORMAT = JsonBytes.Name.of("format");
  private static final JsonBytes.Name HEADER_FORMAT = JsonBytes.Name.of("headerFormat");
  private static final JsonBytes.Name HIGH_NANOS = JsonBytes.Name.of("highNanos");
  private static final JsonBytes.Name LABELS = JsonBytes.Name.of("labels");
  private static final JsonBytes.Name LINKS = JsonBytes.Name.of("links");
  private static final JsonBytes.Name LOW_NANOS = JsonBytes.Name.of("lowNanos");
  private static final JsonBytes.Name MATCH = JsonBytes.Name.of("match");
  private static final JsonBytes.Name METHOD = JsonBytes.Name.of("method");
  private static final JsonBytes.Name OFFSET_NANOS = JsonBytes.Name.of("offsetNanos");
  private static final JsonBytes.Name PROPAGATED_SPAN_ID = JsonBytes.Name.of("propagatedSpanId");
  private static final JsonBytes.Name PROPAGATION = JsonBytes.Name.of("propagation");
  private static final JsonBytes.Name REASON = JsonBytes.Name.of("reason");
  private static final JsonBytes.Name REDIRECT_END = JsonBytes.Name.of("redirectEnd");
  private static final JsonBytes.Name REDIRECT_START = JsonBytes.Name.of("redirectStart");
  private static final JsonBytes.Name REQUEST_START = JsonBytes.Name.of("requestStart");
  private static final JsonBytes.Name RESOURCES = JsonBytes.Name.of("resources");
  private static final JsonBytes.Name RESOURCE_EVENT_ID = JsonBytes.Name.of("resourceEventId");
  private static final JsonBytes.Name RESPONSE_END = JsonBytes.Name.of("responseEnd");
  private static final JsonBytes.Name RESPONSE_START = JsonBytes.Name.of("responseStart");
  private static final JsonBytes.Name RUM = JsonBytes.Name.of("rum");
  private static final JsonBytes.Name SAMPLES = JsonBytes.Name.of("samples");
  private static final JsonBytes.Name SAMPLING = JsonBytes.Name.of("sampling");
  private static final JsonBytes.Name SECURE_CONNECTION_START = JsonBytes.Name.of("secureConnectionStart");
  private static final JsonBytes.Name SERVICE = JsonBytes.Name.of("service");
  private static final JsonBytes.Name SESSION_ID = JsonBytes.Name.of("sessionId");
  private static final JsonBytes.Name SPAN_ID = JsonBytes.Name.of("spanId");
  private static final JsonBytes.Name START_EPOCH_NANOS = JsonBytes.Name.of("startEpochNanos");
  private static final JsonBytes.Name STATUS_CODE = JsonBytes.Name.of("statusCode");
  private static final JsonBytes.Name TIMING_NANOS = JsonBytes.Name.of("timingNanos");
  private static final JsonBytes.Name TRACE_HEADERS = JsonBytes.Name.of("traceHeaders");
  private static final JsonBytes.Name TRACE_ID = JsonBytes.Name.of("traceId");
  private static final JsonBytes.Name TYPE = JsonBytes.Name.of("type");
  private static final JsonBytes.Name UNCERTAINTY_NANOS = JsonBytes.Name.of("uncertaintyNanos");
  private static final JsonBytes.Name URL = JsonBytes.Name.of("url");
  private static final JsonBytes.Name VERDICT = JsonBytes.Name.of("verdict");
  private static final JsonBytes.Name VERDICTS = JsonBytes.Name.of("verdicts");
  private static final JsonBytes.Name VIEW_ID = JsonBytes.Name.of("viewId");
  private static final JsonBytes.Name VIEW_URL = JsonBytes.Name.of("viewUrl");

  private TraceJoinJson() {}

  static void writeRum(JsonBytes out, List<RumResource> resources, PropertyNames names) {
    out.name(RUM).startObject();
    out.name(RESOURCES).startArray();
    for (RumResource r : resources) writeResource(out, r, names);
    out.endArray();
    out.endObject();
  }

  static void writeLinks(JsonBytes out, List<TraceLink> links) {
    out.name(LINKS).startArray();
    for (TraceLink l : links) {
      out.startObject();
      out.name(RESOURCE_EVENT_ID).string(l.resourceEventId());
      out.name(PROPAGATED_SPAN_ID).string(l.propagatedSpanId().toHex());
      out.name(CHILD_SPAN_ID).string(l.childSpanId().toHex());
      out.name(MATCH).string(lower(l.match().name()));
      out.name(CONFIDENCE).number(l.confidence());
      out.endObject();
    }
    out.endArray();
  }

  /** The propagation verdict of each browser request, and the sampling decision the browser sent. */
  static void writeVerdicts(JsonBytes out, List<ResourceVerdict> verdicts) {
    out.name(VERDICTS).startArray();
    for (ResourceVerdict v : verdicts) {
      out.startObject();
      out.name(RESOURCE_EVENT_ID).string(v.resourceEventId());
      out.name(BROWSER_SAMPLING).string(lower(v.browserSampling().name()));
      out.name(VERDICT).string(v.verdict().wireName());
      out.name(REASON).string(v.reason());
      out.endObject();
    }
    out.endArray();
  }

  /**
   * The offset added to a service's times to put them on the browser's clock, measured from linked
   * requests: the true offset lies in [lowNanos, highNanos].
   */
  static void writeClockCorrections(JsonBytes out, List<ClockCorrection> corrections) {
    out.name(CLOCK_CORRECTIONS).startArray();
    for (ClockCorrection c : corrections) {
      out.startObject();
      out.name(SERVICE).string(c.service());
      out.name(SESSION_ID).string(c.sessionId());
      out.name(OFFSET_NANOS).number(c.offsetNanos());
      out.name(UNCERTAINTY_NANOS).number(c.uncertaintyNanos());
      out.name(LOW_NANOS).number(c.lowNanos());
      out.name(HIGH_NANOS).number(c.highNanos());
      out.name(SAMPLES).number(c.samples());
      out.name(BASIS).string(lower(c.basis().name()));
      out.endObject();
    }
    out.endArray();
  }

  private static void writeResource(JsonBytes out, RumResource r, PropertyNames names) {
    PropagatedContext primary = r.primaryContext();
    out.startObject();
    out.name(EVENT_ID).string(r.eventId());
    out.name(APP_ID).string(r.context().appId());
    out.name(SESSION_ID).string(r.context().sessionId());
    out.name(VIEW_ID).string(r.context().viewId());
    out.name(VIEW_URL).string(r.context().viewUrl());
    out.name(TYPE).string(lower(r.type().name()));
    out.name(URL).string(r.url());
    out.name(METHOD).string(r.method());
    out.name(STATUS_CODE).number(r.statusCode());
    out.name(TRACE_ID).string(primary == null ? null : primary.traceId().toHex());
    out.name(SPAN_ID).string(primary == null || primary.spanId() == null ? null : primary.spanId().toHex());
    out.name(HEADER_FORMAT).string(primary == null ? null : primary.format().wireName());
    out.name(SAMPLING).string(primary == null ? null : lower(primary.sampling().name()));
    out.name(START_EPOCH_NANOS).number(r.epochNanos());
    out.name(DURATION_NANOS).number(r.durationNanos());
    out.name(TIMING_NANOS);
    writeTiming(out, r.timing());
    out.name(PROPAGATION).startArray();
    for (PropagatedContext c : r.propagation()) {
      out.startObject();
      out.name(FORMAT).string(c.format().wireName());
      out.name(TRACE_ID).string(c.traceId().toHex());
      out.name(SPAN_ID).string(c.spanId() == null ? null : c.spanId().toHex());
      out.name(SAMPLING).string(lower(c.sampling().name()));
      out.endObject();
    }
    out.endArray();
    writeStrings(out, TRACE_HEADERS, r.traceHeaders(), names);
    writeStrings(out, LABELS, r.context().labels(), names);
    out.endObject();
  }

  /** The Resource Timing marks the browser gave, nanoseconds after the request's start; null without any. */
  private static void writeTiming(JsonBytes out, @Nullable ResourceTiming t) {
    if (t == null) {
      out.nullValue();
      return;
    }
    out.startObject();
    mark(out, REDIRECT_START, t.redirectStart());
    mark(out, REDIRECT_END, t.redirectEnd());
    mark(out, FETCH_START, t.fetchStart());
    mark(out, DOMAIN_LOOKUP_START, t.domainLookupStart());
    mark(out, DOMAIN_LOOKUP_END, t.domainLookupEnd());
    mark(out, CONNECT_START, t.connectStart());
    mark(out, CONNECT_END, t.connectEnd());
    mark(out, SECURE_CONNECTION_START, t.secureConnectionStart());
    mark(out, REQUEST_START, t.requestStart());
    mark(out, RESPONSE_START, t.responseStart());
    mark(out, RESPONSE_END, t.responseEnd());
    out.endObject();
  }

  private static void mark(JsonBytes out, JsonBytes.Name name, long value) {
    if (value != ResourceTiming.UNKNOWN) out.name(name).number(value);
  }

  private static void writeStrings(JsonBytes out, JsonBytes.Name name, Map<String, String> values,
      PropertyNames names) {
    out.name(name).startObject();
    for (Map.Entry<String, String> e : values.entrySet()) out.name(names.of(e.getKey())).string(e.getValue());
    out.endObject();
  }

  private static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
