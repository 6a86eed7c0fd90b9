package dev.tracebridge.api.query;

import dev.tracebridge.core.join.ClockCorrection;
import dev.tracebridge.core.join.JoinedTrace;
import dev.tracebridge.core.model.Attributes;
import dev.tracebridge.core.model.InstrumentationScope;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.SpanEvent;
import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.SpanLink;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The JSON of a joined trace, as documented in docs/api.md and the OpenAPI description, written in one
 * pass by {@link JsonBytes}: a 200-span trace is ~145 KB, and building a tree of maps and records for it
 * first cost more CPU than writing it. Times are unix epoch nanoseconds; ids are lowercase hex.
 *
 * <p>Each distinct resource (its attributes) and instrumentation scope is written once, in the top-level
 * {@code resources} and {@code scopes} tables, and spans name theirs by {@code resourceIndex} and
 * {@code scopeIndex}: every span of a service repeats the same resource, which real SDKs fill with a
 * dozen or more attributes.
 */
final class TraceJson {
  private static final JsonBytes.Name TRACE_ID = JsonBytes.Name.of("traceId");
  private static final JsonBytes.Name RESOURCES = JsonBytes.Name.of("resources");
  private static final JsonBytes.Name SCOPES = JsonBytes.Name.of("scopes");
  private static final JsonBytes.Name SPANS = JsonBytes.Name.of("spans");
  private static final JsonBytes.Name WARNINGS = JsonBytes.Name.of("warnings");
  private static final JsonBytes.Name NAME = JsonBytes.Name.of("name");
  private static final JsonBytes.Name VERSION = JsonBytes.Name.of("version");
  private static final JsonBytes.Name SPAN_ID = JsonBytes.Name.of("spanId");
  private static final JsonBytes.Name PARENT_SPAN_ID = JsonBytes.Name.of("parentSpanId");
  private static final JsonBytes.Name SERVICE = JsonBytes.Name.of("service");
  private static final JsonBytes.Name KIND = JsonBytes.Name.of("kind");
  private static final JsonBytes.Name START = JsonBytes.Name.of("startEpochNanos");
  private static final JsonBytes.Name END = JsonBytes.Name.of("endEpochNanos");
  private static final JsonBytes.Name DURATION = JsonBytes.Name.of("durationNanos");
  private static final JsonBytes.Name CORRECTED_START = JsonBytes.Name.of("correctedStartEpochNanos");
  private static final JsonBytes.Name CORRECTED_END = JsonBytes.Name.of("correctedEndEpochNanos");
  private static final JsonBytes.Name STATUS = JsonBytes.Name.of("status");
  private static final JsonBytes.Name CODE = JsonBytes.Name.of("code");
  private static final JsonBytes.Name MESSAGE = JsonBytes.Name.of("message");
  private static final JsonBytes.Name ATTRIBUTES = JsonBytes.Name.of("attributes");
  private static final JsonBytes.Name RESOURCE_INDEX = JsonBytes.Name.of("resourceIndex");
  private static final JsonBytes.Name SCOPE_INDEX = JsonBytes.Name.of("scopeIndex");
  private static final JsonBytes.Name EVENTS = JsonBytes.Name.of("events");
  private static final JsonBytes.Name EPOCH_NANOS = JsonBytes.Name.of("epochNanos");
  private static final JsonBytes.Name SPAN_LINKS = JsonBytes.Name.of("spanLinks");
  private static final JsonBytes.Name TRACE_STATE = JsonBytes.Name.of("traceState");
  private static final JsonBytes.Name FLAGS = JsonBytes.Name.of("flags");
  private static final JsonBytes.Name DROPPED = JsonBytes.Name.of("dropped");
  private static final JsonBytes.Name LINKS = JsonBytes.Name.of("links");

  private final JsonBytes out;
  private final PropertyNames attributeKeys = new PropertyNames();

  private TraceJson(JsonBytes out) {
    this.out = out;
  }

  /** Writes {@code trace}'s JSON into {@code target}, after what it holds. */
  static void write(JoinedTrace trace, AnswerBuffer target) {
    JsonBytes out = new JsonBytes(target);
    new TraceJson(out).write(trace);
    out.finish();
  }

  private void write(JoinedTrace trace) {
    Tables tables = Tables.of(trace);
    out.startObject();
    out.name(TRACE_ID);
    out.hex(trace.traceId());
    out.name(RESOURCES);
    out.startArray();
    for (Attributes resource : tables.resources) AttributeJson.write(out, resource, attributeKeys);
    out.endArray();
    out.name(SCOPES);
    out.startArray();
    for (ScopeKey scope : tables.scopes) {
      out.startObject();
      text(NAME, scope.name());
      text(VERSION, scope.version());
      out.endObject();
    }
    out.endArray();
    out.name(SPANS);
    out.startArray();
    List<Span> spans = trace.spans();
    for (int i = 0; i < spans.size(); i++) {
      int resource = tables.resourceIndex[i];
      writeSpan(spans.get(i), tables.services.get(resource), tables.corrections.get(resource), resource,
          tables.scopeIndex[i]);
    }
    out.endArray();
    TraceJoinJson.writeRum(out, trace.resources(), attributeKeys);
    TraceJoinJson.writeLinks(out, trace.links());
    TraceJoinJson.writeVerdicts(out, trace.verdicts());
    TraceJoinJson.writeClockCorrections(out, trace.clockCorrections());
    out.name(WARNINGS);
    out.startArray();
    for (String warning : trace.warnings()) out.string(warning);
    out.endArray();
    out.endObject();
  }

  private void writeSpan(Span s, String service, @Nullable ClockCorrection correction, int resourceIndex,
      int scopeIndex) {
    out.startObject();
    out.name(TRACE_ID);
    out.hex(s.traceId());
    out.name(SPAN_ID);
    out.hex(s.spanId());
    out.name(PARENT_SPAN_ID);
    SpanId parent = s.parentSpanId();
    if (parent == null) {
      out.nullValue();
    } else {
      out.hex(parent);
    }
    text(SERVICE, service);
    text(NAME, s.name());
    out.name(KIND);
    out.string(s.kind().name());
    number(START, s.startEpochNanos());
    number(END, s.endEpochNanos());
    number(DURATION, s.durationNanos());
    // As JoinedTrace.correctedStartEpochNanos/correctedEndEpochNanos: recorded times without a correction.
    number(CORRECTED_START, correction == null ? s.startEpochNanos() : correction.correct(s.startEpochNanos()));
    number(CORRECTED_END, correction == null ? s.endEpochNanos() : correction.correct(s.endEpochNanos()));
    out.name(STATUS);
    out.startObject();
    out.name(CODE);
    out.string(s.status().code().name());
    text(MESSAGE, s.status().message());
    out.endObject();
    out.name(ATTRIBUTES);
    AttributeJson.write(out, s.attributes(), attributeKeys);
    number(RESOURCE_INDEX, resourceIndex);
    number(SCOPE_INDEX, scopeIndex);
    out.name(EVENTS);
    out.startArray();
    for (SpanEvent e : s.events()) {
      out.startObject();
      text(NAME, e.name());
      number(EPOCH_NANOS, e.epochNanos());
      out.name(ATTRIBUTES);
      AttributeJson.write(out, e.attributes(), attributeKeys);
      out.endObject();
    }
    out.endArray();
    out.name(SPAN_LINKS);
    out.startArray();
    for (SpanLink l : s.links()) {
      out.startObject();
      out.name(TRACE_ID);
      out.hex(l.traceId());
      out.name(SPAN_ID);
      out.hex(l.spanId());
      out.name(ATTRIBUTES);
      AttributeJson.write(out, l.attributes(), attributeKeys);
      out.endObject();
    }
    out.endArray();
    text(TRACE_STATE, s.traceState());
    number(FLAGS, s.flags());
    out.name(DROPPED);
    out.startObject();
    number(ATTRIBUTES, s.droppedAttributesCount());
    number(EVENTS, s.droppedEventsCount());
    number(LINKS, s.droppedLinksCount());
    out.endObject();
    out.endObject();
  }

  private void text(JsonBytes.Name name, @Nullable String value) {
    out.name(name).string(value);
  }

  private void number(JsonBytes.Name name, long value) {
    out.name(name).number(value);
  }

  /** What the JSON shows of a scope; scopes differing only in what is not shown are one entry. */
  private record ScopeKey(String name, String version) {
    static ScopeKey of(InstrumentationScope scope) {
      return new ScopeKey(scope.name(), scope.version());
    }
  }

  /**
   * The distinct resources (by their attributes, which is what the JSON shows) and scopes, in order of
   * first use, and each span's index into them.
   */
  private static final class Tables {
    final List<Attributes> resources = new ArrayList<>();
    /** The service of each entry of {@link #resources}, and the clock correction applied to it (or null). */
    final List<String> services = new ArrayList<>();
    final List<@Nullable ClockCorrection> corrections = new ArrayList<>();
    final List<ScopeKey> scopes = new ArrayList<>();
    final int[] resourceIndex;
    final int[] scopeIndex;

    private Tables(int spans) {
      resourceIndex = new int[spans];
      scopeIndex = new int[spans];
    }

    static Tables of(JoinedTrace trace) {
      List<Span> spans = trace.spans();
      Tables tables = new Tables(spans.size());
      Map<Attributes, Integer> resources = new HashMap<>();
      Map<ScopeKey, Integer> scopes = new HashMap<>();
      @Nullable Attributes lastResource = null;
      int lastResourceIndex = -1;
      for (int i = 0; i < spans.size(); i++) {
        Span span = spans.get(i);
        Attributes resource = span.resource().attributes();
        // Spans of one export share one Resource instance: skip hashing its attributes again.
        if (resource != lastResource) {
          lastResourceIndex = resources.computeIfAbsent(resource, r -> {
            tables.resources.add(r);
            // A span's service is its resource's: looked up once per distinct resource, not per span.
            String service = span.serviceName();
            tables.services.add(service);
            tables.corrections.add(trace.clockCorrection(service).orElse(null));
            return tables.resources.size() - 1;
          });
          lastResource = resource;
        }
        tables.resourceIndex[i] = lastResourceIndex;
        tables.scopeIndex[i] = scopes.computeIfAbsent(ScopeKey.of(span.scope()), s -> {
          tables.scopes.add(s);
          return tables.scopes.size() - 1;
        });
      }
      return tables;
    }
  }
}
