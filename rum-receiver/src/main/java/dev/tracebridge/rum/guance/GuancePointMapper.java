package dev.tracebridge.rum.guance;

import dev.tracebridge.core.model.Attributes;
import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.rum.HeaderFormat;
import dev.tracebridge.core.rum.PropagatedContext;
import dev.tracebridge.core.rum.ResourceType;
import dev.tracebridge.core.rum.RumAction;
import dev.tracebridge.core.rum.RumContext;
import dev.tracebridge.core.rum.RumError;
import dev.tracebridge.core.rum.RumEvent;
import dev.tracebridge.core.rum.RumLongTask;
import dev.tracebridge.core.rum.RumResource;
import dev.tracebridge.core.rum.RumView;
import dev.tracebridge.core.rum.Sampling;
import dev.tracebridge.rum.batch.InvalidEventException;
import dev.tracebridge.rum.headers.LooseTraceIds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One Guance point into the core model. Names are the SDK's line-protocol keys (datakit-js
 * {@code dataMap.js}): common tags {@code app_id}, {@code session_id}, {@code view_id}, {@code view_url},
 * {@code userid}, {@code env}, {@code service}, {@code version}; resources carry {@code resource_url},
 * {@code resource_method}, {@code resource_status}, {@code resource_type}, {@code duration} and the
 * reported {@code trace_id} / {@code span_id}. Durations and view timings are nanoseconds (the SDK's
 * {@code msToNs}).
 */
final class GuancePointMapper {
  static final String HEADER_ERRORS_ATTRIBUTE = "trace.header_errors";
  /** View fields that are marks in nanoseconds after the view started. */
  static final List<String> VIEW_TIMINGS = List.of("first_byte", "dom_interactive", "dom_content_loaded",
      "dom_complete", "load_event", "loading_time", "first_contentful_paint", "largest_contentful_paint",
      "first_input_delay", "first_input_time", "interaction_to_next_paint", "first_paint_time",
      "time_to_interactive", "dom", "dom_ready", "resource_load_time");
  private static final Set<String> CANONICAL_TYPES = Set.of("fetch", "xhr", "document", "other");
  private static final String DEFAULT_METHOD = "GET";
  private static final String DEFAULT_ACTION_TYPE = "custom";
  private static final int MAX_STATUS = 999;

  private GuancePointMapper() {}

  /** The event, or null for a measurement Tracebridge does not store (telemetry, browser_log...). */
  static @Nullable RumEvent map(LinePoint point, long epochNanos) {
    if (!List.of("view", "resource", "error", "long_task", "action").contains(point.measurement())) return null;
    GuanceFields f = new GuanceFields(point);
    RumContext context = context(f);
    return switch (point.measurement()) {
      case "view" -> view(f, context, epochNanos);
      case "resource" -> resource(f, context, epochNanos, point);
      case "error" -> error(f, context, epochNanos, point);
      case "long_task" -> new RumLongTask(id(f, "long_task_id", point), context, epochNanos,
          f.wholeNumber("duration").orElseThrow(() -> new InvalidEventException("duration: missing")),
          f.remainingInto(Attributes.builder()).build());
      default -> new RumAction(id(f, "action_id", point), context, epochNanos,
          f.wholeNumberIfValid("duration").orElse(0), orDefault(f.text("action_type"), DEFAULT_ACTION_TYPE),
          orEmpty(f.text("action_name")), f.remainingInto(Attributes.builder()).build());
    };
  }

  private static RumContext context(GuanceFields f) {
    String appId = f.requiredText("app_id");
    Map<String, String> labels = new LinkedHashMap<>();
    putIfPresent(labels, "env", f.text("env"));
    putIfPresent(labels, "service", f.text("service"));
    putIfPresent(labels, "version", f.text("version"));
    putIfPresent(labels, RumContext.TEST_SESSION, f.text(RumContext.TEST_SESSION));
    return new RumContext(appId, f.text("session_id"), f.text("view_id"), f.text("view_url"), f.text("userid"),
        labels);
  }

  private static RumView view(GuanceFields f, RumContext context, long epochNanos) {
    if (context.viewId() == null) throw new InvalidEventException("view_id: missing");
    if (context.viewUrl() == null) throw new InvalidEventException("view_url: missing");
    long timeSpent = f.wholeNumberIfValid("time_spent").orElse(0);
    Map<String, Long> timings = new LinkedHashMap<>();
    for (String name : VIEW_TIMINGS) f.wholeNumberIfValid(name).ifPresent(t -> timings.put(name, t));
    // Guance sends no document version; time_spent grows with every re-send of a view, so it orders
    // the copies the same way.
    return new RumView(context.viewId(), context, epochNanos, timeSpent, context.viewUrl(),
        orEmpty(f.text("view_referrer")), timeSpent, timings, f.remainingInto(Attributes.builder()).build());
  }

  private static RumResource resource(GuanceFields f, RumContext context, long epochNanos, LinePoint point) {
    String id = id(f, "resource_id", point);
    String url = f.requiredText("resource_url");
    String rawType = f.text("resource_type");
    ResourceType type = rawType == null ? ResourceType.OTHER : ResourceType.fromName(rawType);
    String method = orDefault(f.text("resource_method"), DEFAULT_METHOD);
    long status = f.wholeNumber("resource_status").orElse(0);
    if (status > MAX_STATUS) {
      throw new InvalidEventException("resource_status: " + status + " (expected: 0 to " + MAX_STATUS + ")");
    }
    long duration = f.wholeNumberIfValid("duration").orElse(0);
    Attributes.Builder attributes = Attributes.builder();
    if (rawType != null && !CANONICAL_TYPES.contains(rawType.toLowerCase(Locale.ROOT))) {
      attributes.put("resource_type", rawType);
    }
    List<String> errors = new ArrayList<>();
    // The initial document's id came from the page's df-trace-id meta tag, which the server wrote.
    HeaderFormat format = type == ResourceType.DOCUMENT ? HeaderFormat.RESPONSE : HeaderFormat.SDK_REPORTED;
    List<PropagatedContext> propagation = propagation(f, format, errors);
    if (!errors.isEmpty()) attributes.put(HEADER_ERRORS_ATTRIBUTE, String.join("; ", errors));
    return new RumResource(id, context, epochNanos, duration, type, url, method, (int) status,
        GuanceResourceTiming.take(f), propagation, Map.of(), f.remainingInto(attributes).build());
  }

  private static RumError error(GuanceFields f, RumContext context, long epochNanos, LinePoint point) {
    String id = id(f, "error_id", point);
    List<String> errors = new ArrayList<>();
    List<PropagatedContext> propagation = propagation(f, HeaderFormat.SDK_REPORTED, errors);
    Attributes.Builder attributes = Attributes.builder();
    if (!errors.isEmpty()) attributes.put(HEADER_ERRORS_ATTRIBUTE, String.join("; ", errors));
    return new RumError(id, context, epochNanos, f.requiredText("error_message"), orEmpty(f.text("error_type")),
        orEmpty(f.text("error_stack")), orEmpty(f.text("error_source")), propagation,
        f.remainingInto(attributes).build());
  }

  /**
   * {@code trace_id} / {@code span_id} in whatever form the SDK's tracer produced: decimal (ddtrace and
   * W3C 64-bit modes), hex (W3C, Jaeger, Zipkin) or a UUID (SkyWalking). The SDK does not report the
   * sampling decision on the event.
   */
  private static List<PropagatedContext> propagation(GuanceFields f, HeaderFormat format, List<String> errors) {
    String trace = f.text("trace_id");
    String span = f.text("span_id");
    if (trace == null) return List.of();
    TraceId traceId = LooseTraceIds.traceId("trace_id", trace, errors);
    if (traceId == null) return List.of();
    SpanId spanId = span == null ? null : LooseTraceIds.spanId("span_id", span, errors);
    return List.of(new PropagatedContext(format, traceId, spanId, Sampling.UNKNOWN));
  }

  /** The SDK's event id, or a digest of the point when it sent none. */
  private static String id(GuanceFields f, String name, LinePoint point) {
    String id = f.text(name);
    return id != null ? id : GuancePointId.of(point);
  }

  private static void putIfPresent(Map<String, String> labels, String key, @Nullable String value) {
    if (value != null && !value.isBlank()) labels.put(key, value);
  }

  private static String orEmpty(@Nullable String value) {
    return value == null ? "" : value;
  }

  private static String orDefault(@Nullable String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}
