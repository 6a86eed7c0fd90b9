package dev.tracebridge.rum.datadog;

import dev.tracebridge.core.rum.RumAction;
import dev.tracebridge.core.rum.RumContext;
import dev.tracebridge.core.rum.RumError;
import dev.tracebridge.core.rum.RumEvent;
import dev.tracebridge.core.rum.RumLongTask;
import dev.tracebridge.core.rum.RumView;
import dev.tracebridge.rum.batch.EventFields;
import dev.tracebridge.rum.batch.InvalidEventException;
import dev.tracebridge.rum.batch.StableEventId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One Datadog RUM event (browser SDK schema, {@code _dd.format_version} 2) into the core model. Durations
 * and view timings are nanoseconds, {@code date} epoch milliseconds. What the typed fields do not hold
 * ({@code _dd.*}, {@code connectivity}, {@code display}, {@code ddtags}...) is kept as attributes.
 */
final class DatadogEventMapper {
  static final List<String> STORED_TYPES = List.of("view", "resource", "error", "action", "long_task");
  /** View fields that are marks in nanoseconds after the view started (cumulative_layout_shift is a score). */
  static final List<String> VIEW_TIMINGS = List.of("first_byte", "dom_interactive", "dom_content_loaded",
      "dom_complete", "load_event", "loading_time", "first_contentful_paint", "largest_contentful_paint",
      "first_input_delay", "first_input_time", "interaction_to_next_paint");
  private static final String DEFAULT_ACTION_TYPE = "custom";

  private DatadogEventMapper() {}

  /** The event, or null for a type Tracebridge does not store ({@code vital}, {@code telemetry}...). */
  static @Nullable RumEvent map(ObjectNode event) {
    JsonNode typeNode = event.get("type");
    if (typeNode == null || !typeNode.isString()) throw new InvalidEventException("type: missing");
    String type = typeNode.stringValue();
    if (!STORED_TYPES.contains(type)) return null;

    EventFields f = EventFields.copyOf(event);
    f.take("type");
    long epochNanos = f.epochNanosFromMillis("date").orElseThrow(() -> new InvalidEventException("date: missing"));
    RumContext context = context(f);
    return switch (type) {
      case "view" -> view(f, context, epochNanos);
      case "resource" -> DatadogResourceMapper.map(f, context, epochNanos, event);
      case "error" -> new RumError(id(f, "error.id", event), context, epochNanos, f.requiredText("error.message"),
          orEmpty(f.text("error.type")), orEmpty(f.text("error.stack")), orEmpty(f.text("error.source")),
          List.of(), f.remaining());
      case "action" -> new RumAction(id(f, "action.id", event), context, epochNanos,
          f.nanosIfNumber("action.loading_time").orElse(0),
          orDefault(f.text("action.type"), DEFAULT_ACTION_TYPE), orEmpty(f.text("action.target.name")),
          f.remaining());
      default -> new RumLongTask(id(f, "long_task.id", event), context, epochNanos,
          f.nanos("long_task.duration")
              .orElseThrow(() -> new InvalidEventException("long_task.duration: missing")),
          f.remaining());
    };
  }

  private static RumContext context(EventFields f) {
    String appId = f.requiredText("application.id");
    Map<String, String> labels = new LinkedHashMap<>();
    putIfPresent(labels, "service", f.text("service"));
    putIfPresent(labels, "version", f.text("version"));
    JsonNode ddtags = f.peek("ddtags");
    if (ddtags != null && ddtags.isString()) putIfPresent(labels, "env", tag(ddtags.stringValue(), "env"));
    JsonNode testSession = f.peek("context." + RumContext.TEST_SESSION);
    if (testSession != null && testSession.isString()) {
      labels.put(RumContext.TEST_SESSION, f.text("context." + RumContext.TEST_SESSION));
    }
    return new RumContext(appId, blankToNull(f.text("session.id")), blankToNull(f.text("view.id")),
        f.text("view.url"), blankToNull(f.text("usr.id")), labels);
  }

  private static RumView view(EventFields f, RumContext context, long epochNanos) {
    if (context.viewId() == null) throw new InvalidEventException("view.id: missing");
    if (context.viewUrl() == null) throw new InvalidEventException("view.url: missing");
    long version = f.integer("_dd.document_version").orElse(0);
    long timeSpent = f.nanosIfNumber("view.time_spent").orElse(0);
    Map<String, Long> timings = new LinkedHashMap<>();
    for (String name : VIEW_TIMINGS) {
      f.nanosIfNumber("view." + name).ifPresent(t -> timings.put(name, t));
    }
    JsonNode custom = f.peek("view.custom_timings");
    if (custom != null && custom.isObject()) {
      for (String name : custom.propertyNames()) {
        if (name.indexOf('.') < 0) {
          f.nanosIfNumber("view.custom_timings." + name).ifPresent(t -> timings.put("custom." + name, t));
        }
      }
    }
    // Copies of a view share its id; the highest _dd.document_version wins.
    return new RumView(context.viewId(), context, epochNanos, timeSpent, context.viewUrl(),
        orEmpty(f.text("view.referrer")), version, timings, f.remaining());
  }

  /** The SDK's own event id, or a digest of the event when it sent none. */
  static String id(EventFields f, String path, ObjectNode event) {
    String id = blankToNull(f.scalarText(path));
    return id != null ? id : StableEventId.of(event);
  }

  /** A value of Datadog's {@code ddtags} list ({@code sdk_version:7.16.2,env:ci,service:probe-web}). */
  static @Nullable String tag(String ddtags, String name) {
    for (String tag : ddtags.split(",")) {
      int colon = tag.indexOf(':');
      if (colon > 0 && tag.substring(0, colon).strip().equals(name)) return tag.substring(colon + 1).strip();
    }
    return null;
  }

  private static void putIfPresent(Map<String, String> labels, String key, @Nullable String value) {
    if (value != null && !value.isBlank()) labels.put(key, value);
  }

  private static @Nullable String blankToNull(@Nullable String value) {
    return value == null || value.isBlank() ? null : value;
  }

  static String orEmpty(@Nullable String value) {
    return value == null ? "" : value;
  }

  private static String orDefault(@Nullable String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}
