package dev.tracebridge.rum.faro;

import dev.tracebridge.core.rum.ResourceTiming;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The OTLP JSON spans Faro embeds under {@code traces.resourceSpans}: counted (they are not stored by this
 * intake), and the CLIENT spans indexed by span id so that the {@code faro.tracing.*} event made from each
 * can get the span's start time and its Resource Timing events ({@code fetchStart} ...
 * {@code responseEnd}, the OpenTelemetry web instrumentations' names).
 */
final class FaroBrowserSpans {
  /** OTLP {@code SPAN_KIND_CLIENT}, as a number in OTLP JSON or by name in some encoders. */
  private static final int CLIENT = 3;
  private static final String CLIENT_NAME = "SPAN_KIND_CLIENT";

  /** A CLIENT span's times in epoch nanoseconds and its marks relative to its start. */
  record BrowserSpan(long startNanos, long endNanos, @Nullable ResourceTiming timing) {}

  private final Map<String, BrowserSpan> clientSpans = new HashMap<>();
  private int count;

  static FaroBrowserSpans read(JsonNode traces) {
    FaroBrowserSpans spans = new FaroBrowserSpans();
    for (JsonNode resourceSpans : traces.path("resourceSpans")) {
      for (JsonNode scopeSpans : resourceSpans.path("scopeSpans")) {
        for (JsonNode span : scopeSpans.path("spans")) {
          spans.count++;
          spans.index(span);
        }
      }
    }
    return spans;
  }

  int count() {
    return count;
  }

  @Nullable BrowserSpan clientSpan(String spanIdHex) {
    return clientSpans.get(spanIdHex.toLowerCase(Locale.ROOT));
  }

  private void index(JsonNode span) {
    JsonNode kind = span.path("kind");
    boolean client = (kind.isNumber() && kind.intValue() == CLIENT) || CLIENT_NAME.equals(kind.asString(""));
    String spanId = span.path("spanId").asString("");
    long start = nanos(span.path("startTimeUnixNano"));
    long end = nanos(span.path("endTimeUnixNano"));
    if (!client || spanId.isEmpty() || start <= 0 || end < start) return;
    ResourceTiming timing = timing(span.path("events"), start);
    clientSpans.put(spanId.toLowerCase(Locale.ROOT), new BrowserSpan(start, end, timing));
  }

  private static @Nullable ResourceTiming timing(JsonNode events, long start) {
    Map<String, Long> marks = new HashMap<>();
    for (JsonNode event : events) {
      long at = nanos(event.path("timeUnixNano"));
      if (at >= start) marks.put(event.path("name").asString(""), at - start);
    }
    if (marks.isEmpty()) return null;
    return new ResourceTiming(mark(marks, "redirectStart"), mark(marks, "redirectEnd"), mark(marks, "fetchStart"),
        mark(marks, "domainLookupStart"), mark(marks, "domainLookupEnd"), mark(marks, "connectStart"),
        mark(marks, "connectEnd"), mark(marks, "secureConnectionStart"), mark(marks, "requestStart"),
        mark(marks, "responseStart"), mark(marks, "responseEnd"));
  }

  private static long mark(Map<String, Long> marks, String name) {
    return marks.getOrDefault(name, ResourceTiming.UNKNOWN);
  }

  /** OTLP JSON writes 64-bit times as strings (JavaScript numbers lose precision); some encoders as numbers. */
  private static long nanos(JsonNode value) {
    if (value.isIntegralNumber() && value.canConvertToLong()) return value.longValue();
    if (value.isString()) {
      try {
        return Long.parseLong(value.stringValue());
      } catch (NumberFormatException e) {
        return -1;
      }
    }
    return -1;
  }
}
