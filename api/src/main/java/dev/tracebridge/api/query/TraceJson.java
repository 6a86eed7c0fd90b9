package dev.tracebridge.api.query;

import dev.tracebridge.core.join.ClockCorrection;
import dev.tracebridge.core.join.JoinedTrace;
import dev.tracebridge.core.model.Attributes;
import dev.tracebridge.core.model.InstrumentationScope;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.SpanEvent;
import dev.tracebridge.core.model.SpanLink;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
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
  private static final JsonFactory FACTORY = new JsonFactory();
  /** A 200-span trace encodes to ~130 KB: start near it rather than grow through 8 doublings. */
  private static final int INITIAL_BUFFER_BYTES = 64 * 1024;

  private TraceJson() {}

  static byte[] encode(JoinedTrace trace) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(INITIAL_BUFFER_BYTES);
    try (JsonGenerator out = FACTORY.createGenerator(ObjectWriteContext.empty(), bytes)) {
      write(out, trace);
    }
    return bytes.toByteArray();
  }

  private static void write(JsonGenerator out, JoinedTrace trace) {
    Tables tables = Tables.of(trace.spans());
    out.writeStartObject();
    out.writeStringProperty("traceId", trace.traceId().toHex());
    out.writeArrayPropertyStart("resources");
    for (Attributes resource : tables.resources) AttributeJson.write(out, resource);
    out.writeEndArray();
    out.writeArrayPropertyStart("scopes");
    for (ScopeKey scope : tables.scopes) {
      out.writeStartObject();
      out.writeStringProperty("name", scope.name());
      out.writeStringProperty("version", scope.version());
      out.writeEndObject();
    }
    out.writeEndArray();
    out.writeArrayPropertyStart("spans");
    List<Span> spans = trace.spans();
    for (int i = 0; i < spans.size(); i++) {
      writeSpan(out, spans.get(i), trace, tables.resourceIndex[i], tables.scopeIndex[i]);
    }
    out.writeEndArray();
    TraceJoinJson.writeRum(out, trace.resources());
    TraceJoinJson.writeLinks(out, trace.links());
    TraceJoinJson.writeVerdicts(out, trace.verdicts());
    TraceJoinJson.writeClockCorrections(out, trace.clockCorrections());
    out.writeArrayPropertyStart("warnings");
    for (String warning : trace.warnings()) out.writeString(warning);
    out.writeEndArray();
    out.writeEndObject();
  }

  private static void writeSpan(JsonGenerator out, Span s, JoinedTrace trace, int resourceIndex, int scopeIndex) {
    out.writeStartObject();
    out.writeStringProperty("traceId", s.traceId().toHex());
    out.writeStringProperty("spanId", s.spanId().toHex());
    out.writeStringProperty("parentSpanId", s.parentSpanId() == null ? null : s.parentSpanId().toHex());
    // The service is looked up once: each lookup walks the span's resource attributes.
    String service = s.serviceName();
    @Nullable ClockCorrection correction = trace.clockCorrection(service).orElse(null);
    out.writeStringProperty("service", service);
    out.writeStringProperty("name", s.name());
    out.writeStringProperty("kind", s.kind().name());
    out.writeNumberProperty("startEpochNanos", s.startEpochNanos());
    out.writeNumberProperty("endEpochNanos", s.endEpochNanos());
    out.writeNumberProperty("durationNanos", s.durationNanos());
    // As JoinedTrace.correctedStartEpochNanos/correctedEndEpochNanos: recorded times without a correction.
    out.writeNumberProperty("correctedStartEpochNanos",
        correction == null ? s.startEpochNanos() : correction.correct(s.startEpochNanos()));
    out.writeNumberProperty("correctedEndEpochNanos",
        correction == null ? s.endEpochNanos() : correction.correct(s.endEpochNanos()));
    out.writeObjectPropertyStart("status");
    out.writeStringProperty("code", s.status().code().name());
    out.writeStringProperty("message", s.status().message());
    out.writeEndObject();
    out.writeName("attributes");
    AttributeJson.write(out, s.attributes());
    out.writeNumberProperty("resourceIndex", resourceIndex);
    out.writeNumberProperty("scopeIndex", scopeIndex);
    out.writeArrayPropertyStart("events");
    for (SpanEvent e : s.events()) {
      out.writeStartObject();
      out.writeStringProperty("name", e.name());
      out.writeNumberProperty("epochNanos", e.epochNanos());
      out.writeName("attributes");
      AttributeJson.write(out, e.attributes());
      out.writeEndObject();
    }
    out.writeEndArray();
    out.writeArrayPropertyStart("spanLinks");
    for (SpanLink l : s.links()) {
      out.writeStartObject();
      out.writeStringProperty("traceId", l.traceId().toHex());
      out.writeStringProperty("spanId", l.spanId().toHex());
      out.writeName("attributes");
      AttributeJson.write(out, l.attributes());
      out.writeEndObject();
    }
    out.writeEndArray();
    out.writeStringProperty("traceState", s.traceState());
    out.writeNumberProperty("flags", s.flags());
    out.writeObjectPropertyStart("dropped");
    out.writeNumberProperty("attributes", s.droppedAttributesCount());
    out.writeNumberProperty("events", s.droppedEventsCount());
    out.writeNumberProperty("links", s.droppedLinksCount());
    out.writeEndObject();
    out.writeEndObject();
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
    final List<ScopeKey> scopes = new ArrayList<>();
    final int[] resourceIndex;
    final int[] scopeIndex;

    private Tables(int spans) {
      resourceIndex = new int[spans];
      scopeIndex = new int[spans];
    }

    static Tables of(List<Span> spans) {
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
