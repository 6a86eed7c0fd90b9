package dev.tracebridge.otlp;

import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.SpanEvent;
import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.SpanKind;
import dev.tracebridge.core.model.SpanLink;
import dev.tracebridge.core.model.SpanStatus;
import dev.tracebridge.core.model.TraceId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads one OTLP/JSON span (with its events, links and status) into a {@link Span.Builder}. Resource and
 * scope are set by the caller afterwards, because JSON may name them after the spans. Ids are hex, as
 * OTLP/JSON requires; a bad id rejects the span alone and parsing goes on.
 */
final class JsonSpanReader {
  private static final Map<String, Integer> SPAN_KINDS = Map.of(
      "SPAN_KIND_UNSPECIFIED", 0, "SPAN_KIND_INTERNAL", 1, "SPAN_KIND_SERVER", 2,
      "SPAN_KIND_CLIENT", 3, "SPAN_KIND_PRODUCER", 4, "SPAN_KIND_CONSUMER", 5);
  private static final Map<String, Integer> STATUS_CODES = Map.of(
      "STATUS_CODE_UNSET", 0, "STATUS_CODE_OK", 1, "STATUS_CODE_ERROR", 2);

  private final JsonParser p;
  private final ExportTally tally;
  private final JsonAttributeReader attributes;

  JsonSpanReader(JsonParser p, ExportTally tally, JsonAttributeReader attributes) {
    this.p = p;
    this.tally = tally;
    this.attributes = attributes;
  }

  /** Reads the span object at the current token; null when it was rejected (already counted). */
  Span.@Nullable Builder span(String where) throws MalformedExportException {
    if (p.currentToken() != JsonToken.START_OBJECT) throw JsonValues.unexpected(p, "a Span object");
    Span.Builder out = Span.builder();
    String traceId = "";
    String spanId = "";
    String parentSpanId = "";
    int droppedAttributes = 0;
    int droppedAttributesHere = 0;
    int droppedLinks = 0;
    int linksDroppedHere = 0;
    for (String name = p.nextName(); name != null; name = p.nextName()) {
      if (p.nextToken() == JsonToken.VALUE_NULL) continue;
      switch (name) {
        case "traceId", "trace_id" -> traceId = JsonValues.string(p);
        case "spanId", "span_id" -> spanId = JsonValues.string(p);
        case "parentSpanId", "parent_span_id" -> parentSpanId = JsonValues.string(p);
        case "traceState", "trace_state" -> out.traceState(JsonValues.string(p));
        case "flags" -> out.flags(JsonValues.uint32(p));
        case "name" -> out.name(JsonValues.string(p));
        case "kind" -> out.kind(SpanKind.fromOtlp(JsonValues.enumNumber(p, SPAN_KINDS)));
        case "startTimeUnixNano", "start_time_unix_nano" -> out.startEpochNanos(JsonValues.fixed64(p));
        case "endTimeUnixNano", "end_time_unix_nano" -> out.endEpochNanos(JsonValues.fixed64(p));
        case "attributes" -> {
          DecodedAttributes decoded = attributes.attributes(where);
          out.attributes(decoded.attributes());
          droppedAttributesHere = decoded.dropped();
        }
        case "droppedAttributesCount", "dropped_attributes_count" ->
            droppedAttributes = JsonValues.uint32(p);
        case "events" -> out.events(events(where));
        case "droppedEventsCount", "dropped_events_count" ->
            out.droppedEventsCount(ExportTally.addToCount(JsonValues.uint32(p), 0));
        case "links" -> {
          int sent = 0;
          List<SpanLink> links = new ArrayList<>();
          if (p.currentToken() != JsonToken.START_ARRAY) throw JsonValues.unexpected(p, "an array of Link");
          while (p.nextToken() != JsonToken.END_ARRAY) {
            SpanLink link = link(where + ".links[" + sent + "]");
            sent++;
            if (link != null) links.add(link);
          }
          out.links(links);
          linksDroppedHere = sent - links.size();
        }
        case "droppedLinksCount", "dropped_links_count" -> droppedLinks = JsonValues.uint32(p);
        case "status" -> out.status(status());
        default -> p.skipChildren();
      }
    }
    out.droppedAttributesCount(ExportTally.addToCount(droppedAttributes, droppedAttributesHere));
    out.droppedLinksCount(ExportTally.addToCount(droppedLinks, linksDroppedHere));
    try {
      out.traceId(OtlpIds.traceIdHex("traceId", traceId))
          .spanId(OtlpIds.spanIdHex("spanId", spanId))
          .parentSpanId(OtlpIds.parentSpanIdHex("parentSpanId", parentSpanId));
    } catch (InvalidSpanException e) {
      tally.reject(where, e.getMessage());
      return null;
    }
    return out;
  }

  private List<SpanEvent> events(String where) throws MalformedExportException {
    if (p.currentToken() != JsonToken.START_ARRAY) throw JsonValues.unexpected(p, "an array of Event");
    List<SpanEvent> events = new ArrayList<>();
    for (JsonToken token = p.nextToken(); token != JsonToken.END_ARRAY; token = p.nextToken()) {
      if (token != JsonToken.START_OBJECT) throw JsonValues.unexpected(p, "an Event object");
      String eventWhere = where + ".events[" + events.size() + "]";
      String name = "";
      long time = 0;
      DecodedAttributes decoded = DecodedAttributes.NONE;
      int dropped = 0;
      for (String field = p.nextName(); field != null; field = p.nextName()) {
        if (p.nextToken() == JsonToken.VALUE_NULL) continue;
        switch (field) {
          case "name" -> name = JsonValues.string(p);
          case "timeUnixNano", "time_unix_nano" -> time = JsonValues.fixed64(p);
          case "attributes" -> decoded = attributes.attributes(eventWhere);
          case "droppedAttributesCount", "dropped_attributes_count" -> dropped = JsonValues.uint32(p);
          default -> p.skipChildren();
        }
      }
      events.add(new SpanEvent(name, time, decoded.attributes(),
          ExportTally.addToCount(dropped, decoded.dropped())));
    }
    return events;
  }

  /** A link with a bad id is dropped and counted in droppedLinksCount, not a reason to lose the span. */
  private @Nullable SpanLink link(String where) throws MalformedExportException {
    if (p.currentToken() != JsonToken.START_OBJECT) throw JsonValues.unexpected(p, "a Link object");
    String traceId = "";
    String spanId = "";
    String traceState = "";
    int flags = 0;
    DecodedAttributes decoded = DecodedAttributes.NONE;
    int dropped = 0;
    for (String field = p.nextName(); field != null; field = p.nextName()) {
      if (p.nextToken() == JsonToken.VALUE_NULL) continue;
      switch (field) {
        case "traceId", "trace_id" -> traceId = JsonValues.string(p);
        case "spanId", "span_id" -> spanId = JsonValues.string(p);
        case "traceState", "trace_state" -> traceState = JsonValues.string(p);
        case "flags" -> flags = JsonValues.uint32(p);
        case "attributes" -> decoded = attributes.attributes(where);
        case "droppedAttributesCount", "dropped_attributes_count" -> dropped = JsonValues.uint32(p);
        default -> p.skipChildren();
      }
    }
    try {
      TraceId linkedTrace = OtlpIds.traceIdHex("traceId", traceId);
      SpanId linkedSpan = OtlpIds.spanIdHex("spanId", spanId);
      return new SpanLink(linkedTrace, linkedSpan, traceState, flags, decoded.attributes(),
          ExportTally.addToCount(dropped, decoded.dropped()));
    } catch (InvalidSpanException e) {
      tally.warn(where, "link dropped (counted in droppedLinksCount): " + e.getMessage());
      return null;
    }
  }

  private SpanStatus status() throws MalformedExportException {
    if (p.currentToken() != JsonToken.START_OBJECT) throw JsonValues.unexpected(p, "a Status object");
    int code = 0;
    String message = "";
    for (String field = p.nextName(); field != null; field = p.nextName()) {
      if (p.nextToken() == JsonToken.VALUE_NULL) continue;
      switch (field) {
        case "code" -> code = JsonValues.enumNumber(p, STATUS_CODES);
        case "message" -> message = JsonValues.string(p);
        default -> p.skipChildren();
      }
    }
    return SpanStatus.of(SpanStatus.Code.fromOtlp(code), message);
  }
}
