package dev.tracebridge.rum.faro;

import dev.tracebridge.core.model.Attributes;
import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.rum.HeaderFormat;
import dev.tracebridge.core.rum.PropagatedContext;
import dev.tracebridge.core.rum.ResourceTiming;
import dev.tracebridge.core.rum.ResourceType;
import dev.tracebridge.core.rum.RumContext;
import dev.tracebridge.core.rum.RumError;
import dev.tracebridge.core.rum.RumResource;
import dev.tracebridge.core.rum.Sampling;
import dev.tracebridge.rum.batch.EventFields;
import dev.tracebridge.rum.batch.InvalidEventException;
import dev.tracebridge.rum.batch.StableEventId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Faro items into core events: a {@code faro.tracing.*} event is a request (a RumResource), an exception
 * a RumError. Attribute names are both generations of the OpenTelemetry HTTP conventions Faro has shipped:
 * {@code url.full} / {@code http.request.method} / {@code http.response.status_code} and the older
 * {@code http.url} / {@code http.method} / {@code http.status_code}.
 */
final class FaroItemMapper {
  static final String TRACING_PREFIX = "faro.tracing.";
  static final String HEADER_ERRORS_ATTRIBUTE = "trace.header_errors";
  private static final String DEFAULT_METHOD = "GET";
  private static final int MAX_STATUS = 999;

  private FaroItemMapper() {}

  static RumResource resource(ObjectNode event, RumContext context, FaroBrowserSpans spans) {
    EventFields f = EventFields.copyOf(event);
    String name = f.requiredText("name");
    long stampedAt = FaroTime.epochNanos("timestamp", f.text("timestamp"));
    Map<String, String> attrs = stringMap(f.object("attributes"));
    String url = first(attrs, "url.full", "http.url");
    if (url == null) throw new InvalidEventException("attributes.url.full: missing (expected: the request's URL)");
    String method = first(attrs, "http.request.method", "http.method");
    int status = status(first(attrs, "http.response.status_code", "http.status_code"));
    long duration = durationNanos(attrs);

    List<String> errors = new ArrayList<>();
    String traceText = f.scalarText("trace.trace_id");
    String spanText = f.scalarText("trace.span_id");
    List<PropagatedContext> propagation = new ArrayList<>();
    FaroBrowserSpans.BrowserSpan span = spanText == null ? null : spans.clientSpan(spanText);
    if (traceText != null) {
      PropagatedContext context0 = context(traceText, spanText, Sampling.SAMPLED, errors);
      if (context0 != null) propagation.add(context0);
    }
    // The event is stamped at the span's end; the span itself, when embedded, says when it started.
    long start = span != null ? span.startNanos() : Math.max(1, stampedAt - duration);
    if (span != null) duration = span.endNanos() - span.startNanos();
    ResourceTiming timing = span == null ? null : span.timing();

    Attributes.Builder attributes = Attributes.builder();
    if (!errors.isEmpty()) attributes.put(HEADER_ERRORS_ATTRIBUTE, String.join("; ", errors));
    attrs.forEach(attributes::put);
    String eventId = spanText != null ? "faro-span-" + spanText.toLowerCase(java.util.Locale.ROOT)
        : StableEventId.of(withSession(event, context));
    return new RumResource(eventId, context, start, duration, resourceType(name), url,
        method == null ? DEFAULT_METHOD : method, status, timing, propagation, Map.of(),
        f.remainingInto(attributes).build());
  }

  static RumError exception(ObjectNode exception, RumContext context) {
    EventFields f = EventFields.copyOf(exception);
    long at = FaroTime.epochNanos("timestamp", f.text("timestamp"));
    String type = f.text("type");
    String message = f.requiredText("value");
    String stack = stack(type, message, f.object("stacktrace"));
    List<String> errors = new ArrayList<>();
    List<PropagatedContext> propagation = new ArrayList<>();
    String traceText = f.scalarText("trace.trace_id");
    if (traceText != null) {
      PropagatedContext context0 = context(traceText, f.scalarText("trace.span_id"), Sampling.UNKNOWN, errors);
      if (context0 != null) propagation.add(context0);
    }
    Attributes.Builder attributes = Attributes.builder();
    if (!errors.isEmpty()) attributes.put(HEADER_ERRORS_ATTRIBUTE, String.join("; ", errors));
    return new RumError(StableEventId.of(withSession(exception, context)), context, at, message,
        type == null ? "" : type, stack, "exception", propagation, f.remainingInto(attributes).build());
  }

  /**
   * The ids of the span the SDK traced the request with. Faro reports them in the body without naming the
   * header (its propagator is W3C by default); they are only sent for spans it exported, hence sampled.
   */
  private static @Nullable PropagatedContext context(String traceText, @Nullable String spanText,
      Sampling sampling, List<String> errors) {
    try {
      TraceId traceId = TraceId.fromHex(traceText);
      SpanId spanId = spanText == null ? null : SpanId.fromHex(spanText);
      return new PropagatedContext(HeaderFormat.SDK_REPORTED, traceId, spanId, sampling);
    } catch (IllegalArgumentException e) {
      errors.add("trace: " + e.getMessage());
      return null;
    }
  }

  /** {@code faro.tracing.fetch}, {@code faro.tracing.xml-http-request}: the instrumentation's name. */
  static ResourceType resourceType(String eventName) {
    String instrumentation =
        eventName.startsWith(TRACING_PREFIX) ? eventName.substring(TRACING_PREFIX.length()) : "";
    return switch (instrumentation) {
      case "fetch" -> ResourceType.FETCH;
      case "xml-http-request", "xhr" -> ResourceType.XHR;
      case "document-load" -> ResourceType.DOCUMENT;
      default -> ResourceType.fromName(instrumentation);
    };
  }

  /** Faro's parsed frames, rendered the way browsers print a stack so engineers read it as usual. */
  private static String stack(@Nullable String type, String message, @Nullable ObjectNode stacktrace) {
    if (stacktrace == null || !stacktrace.path("frames").isArray()) return "";
    StringBuilder out = new StringBuilder(type == null ? "Error" : type).append(": ").append(message);
    for (JsonNode frame : stacktrace.path("frames")) {
      out.append("\n  at ").append(frame.path("function").asString("?"))
          .append(" (").append(frame.path("filename").asString("?"));
      if (frame.has("lineno")) out.append(':').append(frame.path("lineno").asString());
      if (frame.has("colno")) out.append(':').append(frame.path("colno").asString());
      out.append(')');
    }
    return out.toString();
  }

  private static int status(@Nullable String text) {
    if (text == null) return 0;
    try {
      int status = Integer.parseInt(text.strip());
      return status >= 0 && status <= MAX_STATUS ? status : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static long durationNanos(Map<String, String> attrs) {
    String text = attrs.remove("duration_ns");
    if (text == null) return 0;
    try {
      return Math.max(0, Long.parseLong(text.strip()));
    } catch (NumberFormatException e) {
      attrs.put("duration_ns", text);
      return 0;
    }
  }

  /** Takes the first present key of several and removes them all (both spellings may be sent). */
  private static @Nullable String first(Map<String, String> attrs, String current, String legacy) {
    String a = attrs.remove(current);
    String b = attrs.remove(legacy);
    return a != null ? a : b;
  }

  /** Faro's event attributes: a flat map whose keys hold dots, so they are kept as they are. */
  private static Map<String, String> stringMap(@Nullable ObjectNode attributes) {
    Map<String, String> out = new LinkedHashMap<>();
    if (attributes == null) return out;
    attributes.properties().forEach(e -> {
      if (!e.getValue().isNull()) {
        out.put(e.getKey(), e.getValue().isString() ? e.getValue().stringValue() : e.getValue().toString());
      }
    });
    return out;
  }

  /** Items have no id; the same item from two sessions must not collide, so the session joins the digest. */
  private static JsonNode withSession(ObjectNode item, RumContext context) {
    ObjectNode keyed = item.deepCopy();
    keyed.put("_tracebridge_app", context.appId());
    keyed.put("_tracebridge_session", context.sessionId());
    return keyed;
  }
}
