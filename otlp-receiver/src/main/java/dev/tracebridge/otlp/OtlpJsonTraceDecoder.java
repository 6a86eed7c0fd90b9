package dev.tracebridge.otlp;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.model.InstrumentationScope;
import dev.tracebridge.core.model.Resource;
import dev.tracebridge.core.model.Span;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;

/**
 * Decodes OTLP/JSON ({@code ExportTraceServiceRequest} in the proto3 JSON mapping with OTLP's changes:
 * hex trace and span ids, integer enums) into core {@link Span}s, with a streaming parser and no tree.
 * It is lenient where proto3 JSON parsers are: proto field names ({@code trace_id}) as well as camelCase,
 * enum names as well as numbers, 64-bit integers as numbers or strings, null as "not set"; unknown fields
 * are skipped, as OTLP requires. Same rejection rules as {@link OtlpTraceDecoder}. Thread-safe.
 */
public final class OtlpJsonTraceDecoder {
  /** Jackson factories are thread-safe and costly to build: one for all requests. */
  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  private final OtlpLimits limits;

  public OtlpJsonTraceDecoder(OtlpLimits limits) {
    this.limits = requireNonNull(limits, "limits");
  }

  public DecodedExport decode(byte[] json) throws MalformedExportException {
    requireNonNull(json, "json");
    if (json.length == 0) {
      throw new MalformedExportException(
          "empty body (expected: a JSON ExportTraceServiceRequest object, at least {})", "", 0);
    }
    ExportTally tally = new ExportTally(limits);
    JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), json);
    try (p) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw JsonValues.unexpected(p, "a JSON object (ExportTraceServiceRequest)");
      }
      JsonAttributeReader attributes = new JsonAttributeReader(p, tally);
      JsonSpanReader spans = new JsonSpanReader(p, tally, attributes);
      int resourceIndex = 0;
      for (String name = p.nextName(); name != null; name = p.nextName()) {
        JsonToken token = p.nextToken();
        if (token == JsonToken.VALUE_NULL) continue;
        if (!name.equals("resourceSpans") && !name.equals("resource_spans")) {
          p.skipChildren();
          continue;
        }
        if (token != JsonToken.START_ARRAY) throw JsonValues.unexpected(p, "an array of ResourceSpans");
        for (token = p.nextToken(); token != JsonToken.END_ARRAY; token = p.nextToken()) {
          resourceSpans(p, "resourceSpans[" + resourceIndex++ + "]", tally, attributes, spans);
        }
      }
      if (p.nextToken() != null) {
        throw JsonValues.malformed(p, "unexpected content after the request object");
      }
    } catch (JacksonException e) {
      throw malformed(p, e);
    }
    return tally.result();
  }

  private static void resourceSpans(JsonParser p, String where, ExportTally tally,
      JsonAttributeReader attributes, JsonSpanReader spans) throws MalformedExportException {
    if (p.currentToken() != JsonToken.START_OBJECT) throw JsonValues.unexpected(p, "a ResourceSpans object");
    DecodedAttributes resourceAttributes = DecodedAttributes.NONE;
    int droppedAttributes = 0;
    String schemaUrl = "";
    List<Span.Builder> pending = new ArrayList<>();
    int scopeIndex = 0;
    for (String name = p.nextName(); name != null; name = p.nextName()) {
      JsonToken token = p.nextToken();
      if (token == JsonToken.VALUE_NULL) continue;
      switch (name) {
        case "resource" -> {
          if (token != JsonToken.START_OBJECT) throw JsonValues.unexpected(p, "a Resource object");
          for (String field = p.nextName(); field != null; field = p.nextName()) {
            if (p.nextToken() == JsonToken.VALUE_NULL) continue;
            switch (field) {
              case "attributes" -> resourceAttributes = attributes.attributes(where + ".resource");
              case "droppedAttributesCount", "dropped_attributes_count" ->
                  droppedAttributes = JsonValues.uint32(p);
              case "entityRefs", "entity_refs" -> {
                int count = skipArray(p, "an array of EntityRef");
                if (count > 0) {
                  tally.warn(where + ".resource", count + " entity_refs not stored (not supported yet)");
                }
              }
              default -> p.skipChildren();
            }
          }
        }
        case "schemaUrl", "schema_url" -> schemaUrl = JsonValues.string(p);
        case "scopeSpans", "scope_spans" -> {
          if (token != JsonToken.START_ARRAY) throw JsonValues.unexpected(p, "an array of ScopeSpans");
          while (p.nextToken() != JsonToken.END_ARRAY) {
            scopeSpans(p, where + ".scopeSpans[" + scopeIndex++ + "]", attributes, spans, pending);
          }
        }
        default -> p.skipChildren();
      }
    }
    Resource resource = new Resource(resourceAttributes.attributes(),
        ExportTally.addToCount(droppedAttributes, resourceAttributes.dropped()), schemaUrl);
    for (Span.Builder span : pending) {
      tally.accept(span.resource(resource).build());
    }
  }

  private static void scopeSpans(JsonParser p, String where, JsonAttributeReader attributes,
      JsonSpanReader spans, List<Span.Builder> pending) throws MalformedExportException {
    if (p.currentToken() != JsonToken.START_OBJECT) throw JsonValues.unexpected(p, "a ScopeSpans object");
    String scopeName = "";
    String version = "";
    DecodedAttributes scopeAttributes = DecodedAttributes.NONE;
    int droppedAttributes = 0;
    String schemaUrl = "";
    List<Span.Builder> read = new ArrayList<>();
    for (String name = p.nextName(); name != null; name = p.nextName()) {
      JsonToken token = p.nextToken();
      if (token == JsonToken.VALUE_NULL) continue;
      switch (name) {
        case "scope" -> {
          if (token != JsonToken.START_OBJECT) {
            throw JsonValues.unexpected(p, "an InstrumentationScope object");
          }
          for (String field = p.nextName(); field != null; field = p.nextName()) {
            if (p.nextToken() == JsonToken.VALUE_NULL) continue;
            switch (field) {
              case "name" -> scopeName = JsonValues.string(p);
              case "version" -> version = JsonValues.string(p);
              case "attributes" -> scopeAttributes = attributes.attributes(where + ".scope");
              case "droppedAttributesCount", "dropped_attributes_count" ->
                  droppedAttributes = JsonValues.uint32(p);
              default -> p.skipChildren();
            }
          }
        }
        case "schemaUrl", "schema_url" -> schemaUrl = JsonValues.string(p);
        case "spans" -> {
          if (token != JsonToken.START_ARRAY) throw JsonValues.unexpected(p, "an array of Span");
          int index = 0;
          while (p.nextToken() != JsonToken.END_ARRAY) {
            Span.Builder span = spans.span(where + ".spans[" + index++ + "]");
            if (span != null) read.add(span);
          }
        }
        default -> p.skipChildren();
      }
    }
    InstrumentationScope scope = new InstrumentationScope(scopeName, version,
        scopeAttributes.attributes(),
        ExportTally.addToCount(droppedAttributes, scopeAttributes.dropped()), schemaUrl);
    for (Span.Builder span : read) {
      pending.add(span.scope(scope));
    }
  }

  /** Skips an array, returning how many elements it held. */
  private static int skipArray(JsonParser p, String expected) throws MalformedExportException {
    if (p.currentToken() != JsonToken.START_ARRAY) throw JsonValues.unexpected(p, expected);
    int count = 0;
    while (p.nextToken() != JsonToken.END_ARRAY) {
      p.skipChildren();
      count++;
    }
    return count;
  }

  /** Jackson's own failures (bad syntax, invalid UTF-8, numbers out of range) with path and offset. */
  private static MalformedExportException malformed(JsonParser p, JacksonException e) {
    TokenStreamLocation location = e.getLocation();
    long offset = location == null ? MalformedExportException.UNKNOWN_OFFSET : location.getByteOffset();
    String path = p.streamReadContext().pathAsPointer().toString();
    String where = path.isEmpty() ? "" : " in " + path;
    String at = offset >= 0 ? " (at byte " + offset + ")" : "";
    return new MalformedExportException(
        "undecodable JSON" + where + ": " + e.getOriginalMessage() + at, path, offset);
  }
}
