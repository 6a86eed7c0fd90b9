package dev.tracebridge.rum.faro;

import dev.tracebridge.core.model.Attributes;
import dev.tracebridge.core.rum.RumContext;
import dev.tracebridge.core.rum.RumView;
import dev.tracebridge.rum.batch.EventFields;
import dev.tracebridge.rum.batch.StableEventId;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The view a Faro batch happened on, built from {@code meta.page} plus what the batch says about it:
 * {@code faro.performance.navigation} timings and {@code web-vitals} measurements. Faro sends no view
 * start or document version, so the earliest item of the batch stands in for the start and the latest
 * item's time (in ms) orders the copies sent by successive batches.
 */
final class FaroPageView {
  static final String NAVIGATION_EVENT = "faro.performance.navigation";
  static final String WEB_VITALS = "web-vitals";
  private static final long NANOS_PER_MILLI = 1_000_000L;
  /** Navigation attribute names (ms) that mean the same as the core's view timing names. */
  private static final Map<String, String> NAVIGATION_TIMINGS = Map.of(
      "ttfb", "first_byte", "totalNavigationTime", "loading_time", "duration", "loading_time");
  /** Web vitals (ms) by the core's view timing names; cls is a score and stays an attribute. */
  private static final Map<String, String> VITAL_TIMINGS = Map.of(
      "ttfb", "first_byte", "fcp", "first_contentful_paint", "lcp", "largest_contentful_paint",
      "inp", "interaction_to_next_paint", "fid", "first_input_delay");

  private final Map<String, Long> timings = new LinkedHashMap<>();
  private final Attributes.Builder attributes = Attributes.builder();
  private long earliest = Long.MAX_VALUE;
  private long latest = -1;

  void saw(long epochNanos) {
    earliest = Math.min(earliest, epochNanos);
    latest = Math.max(latest, epochNanos);
  }

  void navigation(JsonNode event, long epochNanos) {
    saw(epochNanos);
    for (Map.Entry<String, JsonNode> e : event.path("attributes").properties()) {
      Double ms = millis(e.getValue());
      String timing = NAVIGATION_TIMINGS.get(e.getKey());
      if (ms != null && ms >= 0) {
        timings.put(timing != null ? timing : "faro." + e.getKey(), Math.round(ms * NANOS_PER_MILLI));
      } else if (!e.getValue().isNull()) {
        attributes.put("navigation." + e.getKey(), e.getValue().asString());
      }
    }
  }

  void webVitals(JsonNode measurement, long epochNanos) {
    saw(epochNanos);
    for (Map.Entry<String, JsonNode> e : measurement.path("values").properties()) {
      Double value = millis(e.getValue());
      if (value == null) continue;
      String timing = VITAL_TIMINGS.get(e.getKey());
      if (timing != null && value >= 0) {
        timings.put(timing, Math.round(value * NANOS_PER_MILLI));
      } else {
        attributes.put("web_vitals." + e.getKey(), value);
      }
    }
  }

  /** The view, or null when the batch named no page or carried no item with a time. */
  @Nullable RumView build(RumContext context, @Nullable String pageUrl, EventFields metaRest) {
    if (pageUrl == null || latest < 0) return null;
    String key = context.appId() + '\u0000' + context.sessionId() + '\u0000' + context.viewId();
    String id = "faro-view-" + StableEventId.of(key.getBytes(StandardCharsets.UTF_8));
    return new RumView(id, context, earliest, latest - earliest, pageUrl, "", latest / NANOS_PER_MILLI, timings,
        metaRest.remainingInto(attributes).build());
  }

  /** Faro writes numbers as strings in event attributes and as numbers in measurements. */
  private static @Nullable Double millis(JsonNode value) {
    if (value.isNumber()) return Double.isFinite(value.doubleValue()) ? value.doubleValue() : null;
    if (!value.isString()) return null;
    try {
      double d = Double.parseDouble(value.stringValue());
      return Double.isFinite(d) ? d : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
