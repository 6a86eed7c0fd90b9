package dev.tracebridge.api.query;

import dev.tracebridge.core.join.ClockCorrection;
import dev.tracebridge.core.join.JoinedTrace;
import dev.tracebridge.core.model.Attributes;
import dev.tracebridge.core.model.InstrumentationScope;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.SpanEvent;
import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.SpanKind;
import dev.tracebridge.core.model.SpanLink;
import dev.tracebridge.core.model.SpanStatus;
import dev.tracebridge.core.model.TraceId;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.SerializableString;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.io.SerializedString;
import tools.jackson.core.json.JsonFactory;

/**
 * The JSON of a joined trace, as documented in docs/api.md and the OpenAPI description, written with
 * one streaming generator: a 200-span trace is ~130 KB, and building a tree of maps and records for it
 * first cost more CPU than writing it. Times are unix epoch nanoseconds; ids are lowercase hex.
 *
 * <p>Each distinct resource (its attributes) and instrumentation scope is written once, in the top-level
 * {@code resources} and {@code scopes} tables, and spans name theirs by {@code resourceIndex} and
 * {@code scopeIndex}: every span of a service repeats the same resource, which real SDKs fill with a
 * dozen or more attributes.
 */
final class TraceJson {
  /** The caller owns the stream it gives to {@link #write}: closing the generator flushes, never closes it. */
  private static final JsonFactory FACTORY =
      JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

  private static final SerializableString TRACE_ID = new SerializedString("traceId");
  private static final SerializableString RESOURCES = new SerializedString("resources");
  private static final SerializableString SCOPES = new SerializedString("scopes");
  private static final SerializableString SPANS = new SerializedString("spans");
  private static final SerializableString WARNINGS = new SerializedString("warnings");
  private static final SerializableString NAME = new SerializedString("name");
  private static final SerializableString VERSION = new SerializedString("version");
  private static final SerializableString SPAN_ID = new SerializedString("spanId");
  private static final SerializableString PARENT_SPAN_ID = new SerializedString("parentSpanId");
  private static final SerializableString SERVICE = new SerializedString("service");
  private static final SerializableString KIND = new SerializedString("kind");
  private static final SerializableString START = new SerializedString("startEpochNanos");
  private static final SerializableString END = new SerializedString("endEpochNanos");
  private static final SerializableString DURATION = new SerializedString("durationNanos");
  private static final SerializableString CORRECTED_START = new SerializedString("correctedStartEpochNanos");
  private static final SerializableString CORRECTED_END = new SerializedString("correctedEndEpochNanos");
  private static final SerializableString STATUS = new SerializedString("status");
  private static final SerializableString CODE = new SerializedString("code");
  private static final SerializableString MESSAGE = new SerializedString("message");
  private static final SerializableString ATTRIBUTES = new SerializedString("attributes");
  private static final SerializableString RESOURCE_INDEX = new SerializedString("resourceIndex");
  private static final SerializableString SCOPE_INDEX = new SerializedString("scopeIndex");
  private static final SerializableString EVENTS = new SerializedString("events");
  private static final SerializableString EPOCH_NANOS = new SerializedString("epochNanos");
  private static final SerializableString SPAN_LINKS = new SerializedString("spanLinks");
  private static final SerializableString TRACE_STATE = new SerializedString("traceState");
  private static final SerializableString FLAGS = new SerializedString("flags");
  private static final SerializableString DROPPED = new SerializedString("dropped");
  private static final SerializableString LINKS = new SerializedString("links");
  /** Span kinds and status codes by ordinal, each encoded once. */
  private static final SerializableString[] KINDS = encodedNames(SpanKind.values());
  private static final SerializableString[] CODES = encodedNames(SpanStatus.Code.values());

  private final JsonGenerator out;
  private final PropertyNames attributeKeys = new PropertyNames();
  /** Ids go out as ASCII hex from here, never as a String per id. */
  private final byte[] hex = new byte[32];

  private TraceJson(JsonGenerator out) {
    this.out = out;
  }

  /** Writes {@code trace}'s JSON into {@code target}, which stays open. */
  static void write(JoinedTrace trace, OutputStream target) {
    try (JsonGenerator out = FACTORY.createGenerator(ObjectWriteContext.empty(), target)) {
      new TraceJson(out).write(trace);
    }
  }

  private void write(JoinedTrace trace) {
    Tables tables = Tables.of(trace);
    out.writeStartObject();
    out.writeName(TRACE_ID);
    writeHex(trace.traceId());
    out.writeName(RESOURCES);
    out.writeStartArray();
    for (Attributes resource : tables.resources) AttributeJson.write(out, resource, attributeKeys);
    out.writeEndArray();
    out.writeName(SCOPES);
    out.writeStartArray();
    for (ScopeKey scope : tables.scopes) {
      out.writeStartObject();
      text(NAME, scope.name());
      text(VERSION, scope.version());
      out.writeEndObject();
    }
    out.writeEndArray();
    out.writeName(SPANS);
    out.writeStartArray();
    List<Span> spans = trace.spans();
    for (int i = 0; i < spans.size(); i++) {
      int resource = tables.resourceIndex[i];
      writeSpan(spans.get(i), tables.services.get(resource), tables.corrections.get(resource), resource,
          tables.scopeIndex[i]);
    }
    out.writeEndArray();
    TraceJoinJson.writeRum(out, trace.resources());
    TraceJoinJson.writeLinks(out, trace.links());
    TraceJoinJson.writeVerdicts(out, trace.verdicts());
    TraceJoinJson.writeClockCorrections(out, trace.clockCorrections());
    out.writeName(WARNINGS);
    out.writeStartArray();
    for (String warning : trace.warnings()) out.writeString(warning);
    out.writeEndArray();
    out.writeEndObject();
  }

  private void writeSpan(Span s, String service, @Nullable ClockCorrection correction, int resourceIndex,
      int scopeIndex) {
    out.writeStartObject();
    out.writeName(TRACE_ID);
    writeHex(s.traceId());
    out.writeName(SPAN_ID);
    writeHex(s.spanId());
    out.writeName(PARENT_SPAN_ID);
    SpanId parent = s.parentSpanId();
    if (parent == null) {
      out.writeNull();
    } else {
      writeHex(parent);
    }
    text(SERVICE, service);
    text(NAME, s.name());
    out.writeName(KIND);
    out.writeString(KINDS[s.kind().ordinal()]);
    number(START, s.startEpochNanos());
    number(END, s.endEpochNanos());
    number(DURATION, s.durationNanos());
    // As JoinedTrace.correctedStartEpochNanos/correctedEndEpochNanos: recorded times without a correction.
    number(CORRECTED_START, correction == null ? s.startEpochNanos() : correction.correct(s.startEpochNanos()));
    number(CORRECTED_END, correction == null ? s.endEpochNanos() : correction.correct(s.endEpochNanos()));
    out.writeName(STATUS);
    out.writeStartObject();
    out.writeName(CODE);
    out.writeString(CODES[s.status().code().ordinal()]);
    text(MESSAGE, s.status().message());
    out.writeEndObject();
    out.writeName(ATTRIBUTES);
    AttributeJson.write(out, s.attributes(), attributeKeys);
    number(RESOURCE_INDEX, resourceIndex);
    number(SCOPE_INDEX, scopeIndex);
    out.writeName(EVENTS);
    out.writeStartArray();
    for (SpanEvent e : s.events()) {
      out.writeStartObject();
      text(NAME, e.name());
      number(EPOCH_NANOS, e.epochNanos());
      out.writeName(ATTRIBUTES);
      AttributeJson.write(out, e.attributes(), attributeKeys);
      out.writeEndObject();
    }
    out.writeEndArray();
    out.writeName(SPAN_LINKS);
    out.writeStartArray();
    for (SpanLink l : s.links()) {
      out.writeStartObject();
      out.writeName(TRACE_ID);
      writeHex(l.traceId());
      out.writeName(SPAN_ID);
      writeHex(l.spanId());
      out.writeName(ATTRIBUTES);
      AttributeJson.write(out, l.attributes(), attributeKeys);
      out.writeEndObject();
    }
    out.writeEndArray();
    text(TRACE_STATE, s.traceState());
    number(FLAGS, s.flags());
    out.writeName(DROPPED);
    out.writeStartObject();
    number(ATTRIBUTES, s.droppedAttributesCount());
    number(EVENTS, s.droppedEventsCount());
    number(LINKS, s.droppedLinksCount());
    out.writeEndObject();
    out.writeEndObject();
  }

  private void text(SerializableString name, @Nullable String value) {
    out.writeName(name);
    out.writeString(value);
  }

  private void number(SerializableString name, long value) {
    out.writeName(name);
    out.writeNumber(value);
  }

  private void writeHex(TraceId id) {
    id.writeHex(hex, 0);
    // Hex digits need no escaping: the bytes go out as they are.
    out.writeRawUTF8String(hex, 0, 32);
  }

  private void writeHex(SpanId id) {
    id.writeHex(hex, 0);
    out.writeRawUTF8String(hex, 0, 16);
  }

  private static SerializableString[] encodedNames(Enum<?>[] values) {
    SerializableString[] names = new SerializableString[values.length];
    for (Enum<?> v : values) names[v.ordinal()] = new SerializedString(v.name());
    return names;
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
