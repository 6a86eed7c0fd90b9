package dev.tracebridge.rum.nativeformat;

import dev.tracebridge.core.rum.ResourceTiming;
import dev.tracebridge.rum.batch.EventFields;
import org.jspecify.annotations.Nullable;

/**
 * {@code resource.timing}: Resource Timing marks in milliseconds relative to the resource's own start
 * ({@code PerformanceResourceTiming} values minus its {@code startTime}), an absent mark meaning unknown
 * (cross-origin without Timing-Allow-Origin zeroes the request and response marks, and a client should
 * leave them out rather than send 0).
 */
final class NativeResourceTiming {
  private static final String PREFIX = "resource.timing.";

  private NativeResourceTiming() {}

  static @Nullable ResourceTiming take(EventFields fields) {
    if (!fields.has("resource.timing")) return null;
    return new ResourceTiming(
        mark(fields, "redirect_start"),
        mark(fields, "redirect_end"),
        mark(fields, "fetch_start"),
        mark(fields, "domain_lookup_start"),
        mark(fields, "domain_lookup_end"),
        mark(fields, "connect_start"),
        mark(fields, "connect_end"),
        mark(fields, "secure_connection_start"),
        mark(fields, "request_start"),
        mark(fields, "response_start"),
        mark(fields, "response_end"));
  }

  private static long mark(EventFields fields, String name) {
    return fields.nanosFromMillis(PREFIX + name).orElse(ResourceTiming.UNKNOWN);
  }
}
