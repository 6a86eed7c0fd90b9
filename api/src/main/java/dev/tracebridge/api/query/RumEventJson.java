package dev.tracebridge.api.query;

import dev.tracebridge.core.rum.PropagatedContext;
import dev.tracebridge.core.rum.RumAction;
import dev.tracebridge.core.rum.RumError;
import dev.tracebridge.core.rum.RumEvent;
import dev.tracebridge.core.rum.RumLongTask;
import dev.tracebridge.core.rum.RumResource;
import dev.tracebridge.core.rum.RumView;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One event of a session's timeline. Every type shares the first fields, so a timeline reads in one
 * pass; {@code title} is the line a person scans, {@code detail} holds the type's own fields, and
 * {@code traceId} links a traced request to its joined trace.
 *
 * @param type {@code view}, {@code resource}, {@code error}, {@code action} or {@code long_task}
 */
public record RumEventJson(
    String type, String eventId, long epochNanos, @Nullable Long durationNanos, @Nullable String viewId,
    @Nullable String viewUrl, String title, @Nullable String traceId, Map<String, Object> detail,
    Map<String, Object> attributes) {

  public static RumEventJson of(RumEvent event) {
    Map<String, Object> detail = new LinkedHashMap<>();
    String type;
    String title;
    Long duration = null;
    String traceId = null;
    // Java 17 has no pattern matching for switch; the chain covers every RumEvent (a sealed type).
    if (event instanceof RumView v) {
      type = "view";
      title = v.url();
      duration = v.durationNanos();
      detail.put("referrer", v.referrer());
      detail.put("documentVersion", v.documentVersion());
      detail.put("timingsNanos", v.timingsNanos());
    } else if (event instanceof RumResource r) {
      type = "resource";
      title = r.method() + " " + r.url() + " → " + r.statusCode();
      duration = r.durationNanos();
      PropagatedContext primary = r.primaryContext();
      traceId = primary == null ? null : primary.traceId().toHex();
      detail.put("resourceType", r.type().name().toLowerCase(java.util.Locale.ROOT));
      detail.put("method", r.method());
      detail.put("url", r.url());
      detail.put("statusCode", r.statusCode());
      if (primary != null) detail.put("headerFormat", primary.format().wireName());
    } else if (event instanceof RumError e) {
      type = "error";
      title = e.errorType().isEmpty() ? e.message() : e.errorType() + ": " + e.message();
      detail.put("message", e.message());
      detail.put("errorType", e.errorType());
      detail.put("source", e.source());
      detail.put("stack", e.stack());
      if (!e.propagation().isEmpty()) traceId = e.propagation().get(0).traceId().toHex();
    } else if (event instanceof RumAction a) {
      type = "action";
      title = a.actionType() + " " + a.name();
      duration = a.durationNanos();
      detail.put("actionType", a.actionType());
      detail.put("name", a.name());
    } else {
      RumLongTask t = (RumLongTask) event;
      type = "long_task";
      title = "main thread busy";
      duration = t.durationNanos();
    }
    return new RumEventJson(type, event.eventId(), event.epochNanos(), duration, event.context().viewId(),
        event.context().viewUrl(), title, traceId, detail, AttributeJson.map(event.attributes()));
  }
}
