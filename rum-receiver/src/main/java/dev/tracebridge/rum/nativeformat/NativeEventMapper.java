package dev.tracebridge.rum.nativeformat;

import dev.tracebridge.core.model.Attributes;
import dev.tracebridge.core.rum.ResourceTiming;
import dev.tracebridge.core.rum.ResourceType;
import dev.tracebridge.core.rum.RumAction;
import dev.tracebridge.core.rum.RumContext;
import dev.tracebridge.core.rum.RumError;
import dev.tracebridge.core.rum.RumEvent;
import dev.tracebridge.core.rum.RumLongTask;
import dev.tracebridge.core.rum.RumResource;
import dev.tracebridge.core.rum.RumView;
import dev.tracebridge.rum.batch.EventFields;
import dev.tracebridge.rum.batch.InvalidEventException;
import dev.tracebridge.rum.batch.StableEventId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One native v1 event into a core {@link RumEvent}. Every field the schema names is read into the typed
 * record; whatever else the event carries ends up in its attributes.
 */
final class NativeEventMapper {
  static final String SCHEMA_V1 = "tracebridge.rum/1";
  static final String HEADER_ERRORS_ATTRIBUTE = "trace.header_errors";
  private static final Set<String> CANONICAL_RESOURCE_TYPES = Set.of("fetch", "xhr", "document", "other");
  private static final String DEFAULT_METHOD = "GET";
  private static final String DEFAULT_ACTION_TYPE = "custom";
  private static final int MAX_STATUS = 999;

  private NativeEventMapper() {}

  /** The event, or null when its type is not one of v1's five (the caller counts it as skipped). */
  static @Nullable RumEvent map(ObjectNode event) {
    JsonNode typeNode = event.get("type");
    if (typeNode == null || typeNode.isNull()) throw new InvalidEventException("type: missing");
    if (!typeNode.isString()) throw new InvalidEventException("type: expected a string");
    String type = typeNode.stringValue();
    if (!List.of("view", "resource", "error", "action", "long_task").contains(type)) return null;

    EventFields f = EventFields.copyOf(event);
    f.take("type");
    String schema = f.text("schema");
    if (schema != null && !schema.equals(SCHEMA_V1)) {
      throw new InvalidEventException("schema: '" + schema + "' (expected: " + SCHEMA_V1 + ")");
    }
    String explicitId = blankToNull(f.scalarText("id"));
    long epochNanos = f.epochNanosFromMillis("date").orElseThrow(() -> new InvalidEventException("date: missing"));
    String appId = f.requiredText("app.id");
    Map<String, String> labels = new LinkedHashMap<>(f.textMap("labels"));
    putIfPresent(labels, "version", f.text("app.version"));
    putIfPresent(labels, "env", f.text("app.env"));
    putIfPresent(labels, "service", f.text("app.service"));
    String sessionId = blankToNull(f.text("session.id"));
    String viewId = blankToNull(f.text("view.id"));
    String viewUrl = f.text("view.url");
    String userId = blankToNull(f.text("user.id"));

    NativeTraceFields trace = null;
    if (type.equals("resource") || type.equals("error")) {
      trace = NativeTraceFields.take(f);
      if (sessionId == null) sessionId = trace.baggageSessionId();
    }
    RumContext context = new RumContext(appId, sessionId, viewId, viewUrl, userId, labels);
    String eventId = explicitId != null ? explicitId : StableEventId.of(event);

    return switch (type) {
      case "view" -> view(f, context, explicitId, epochNanos);
      case "resource" -> resource(f, context, eventId, epochNanos, trace);
      case "error" -> new RumError(eventId, context, epochNanos, f.requiredText("error.message"),
          orEmpty(f.text("error.type")), orEmpty(f.text("error.stack")), orEmpty(f.text("error.source")),
          trace.propagation(), attributes(f, trace));
      case "action" -> new RumAction(eventId, context, epochNanos,
          f.nanosFromMillis("action.duration_ms").orElse(0), orDefault(f.text("action.type"), DEFAULT_ACTION_TYPE),
          f.requiredText("action.name"), attributes(f, null));
      default -> new RumLongTask(eventId, context, epochNanos,
          f.nanosFromMillis("long_task.duration_ms")
              .orElseThrow(() -> new InvalidEventException("long_task.duration_ms: missing")),
          attributes(f, null));
    };
  }

  private static RumView view(EventFields f, RumContext context, @Nullable String explicitId, long epochNanos) {
    if (context.viewId() == null) throw new InvalidEventException("view.id: missing");
    if (context.viewUrl() == null) throw new InvalidEventException("view.url: missing");
    String referrer = orEmpty(f.text("view.referrer"));
    long version = f.integer("view.document_version").orElse(0);
    if (version < 0) throw new InvalidEventException("view.document_version: " + version + " (expected: >= 0)");
    long timeSpent = f.nanosFromMillis("view.time_spent_ms").orElse(0);
    Map<String, Long> timings = new LinkedHashMap<>();
    f.nanosFromMillis("view.loading_time_ms").ifPresent(t -> timings.put("loading_time", t));
    ObjectNode marks = f.object("view.timings");
    if (marks != null) {
      for (Map.Entry<String, JsonNode> mark : marks.properties()) {
        if (mark.getValue().isNull()) continue;
        timings.put(mark.getKey(), EventFields.millisAsNanos("view.timings." + mark.getKey(), mark.getValue()));
      }
    }
    // Copies of a view share its id, so the store keeps the one with the highest document_version.
    String eventId = explicitId != null ? explicitId : context.viewId();
    return new RumView(eventId, context, epochNanos, timeSpent, context.viewUrl(), referrer, version, timings,
        attributes(f, null));
  }

  private static RumResource resource(EventFields f, RumContext context, String eventId, long epochNanos,
      NativeTraceFields trace) {
    String url = f.requiredText("resource.url");
    String rawType = f.text("resource.type");
    ResourceType type = rawType == null ? ResourceType.OTHER : ResourceType.fromName(rawType);
    String method = orDefault(f.text("resource.method"), DEFAULT_METHOD);
    long status = f.integer("resource.status_code").orElse(0);
    if (status < 0 || status > MAX_STATUS) {
      throw new InvalidEventException("resource.status_code: " + status + " (expected: 0 to " + MAX_STATUS + ")");
    }
    long duration = f.nanosFromMillis("resource.duration_ms").orElse(0);
    ResourceTiming timing = NativeResourceTiming.take(f);
    Attributes.Builder attributes = Attributes.builder();
    if (rawType != null && !CANONICAL_RESOURCE_TYPES.contains(rawType.toLowerCase(Locale.ROOT))) {
      attributes.put("resource.type", rawType);
    }
    return new RumResource(eventId, context, epochNanos, duration, type, url, method, (int) status, timing,
        trace.propagation(), trace.requestHeaders(), attributes(f, trace, attributes));
  }

  private static Attributes attributes(EventFields f, @Nullable NativeTraceFields trace) {
    return attributes(f, trace, Attributes.builder());
  }

  private static Attributes attributes(EventFields f, @Nullable NativeTraceFields trace, Attributes.Builder into) {
    if (trace != null && !trace.errors().isEmpty()) {
      into.put(HEADER_ERRORS_ATTRIBUTE, String.join("; ", trace.errors()));
    }
    return f.remainingInto(into).build();
  }

  private static void putIfPresent(Map<String, String> labels, String key, @Nullable String value) {
    if (value != null && !value.isBlank()) labels.put(key, value);
  }

  private static @Nullable String blankToNull(@Nullable String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private static String orEmpty(@Nullable String value) {
    return value == null ? "" : value;
  }

  private static String orDefault(@Nullable String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}
