package dev.tracebridge.rum.guance;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One line-protocol point: {@code measurement,tag=v field=v timestamp}.
 *
 * @param position where it started ({@code line 3}, or {@code item 2} in Guance's JSON mode), for error
 *     messages
 * @param timestamp in the request's precision; null when the line had none
 */
record LinePoint(String position, String measurement, Map<String, String> tags, Map<String, FieldValue> fields,
    @Nullable Long timestamp) {

  LinePoint {
    requireNonNull(position, "position");
    requireNonNull(measurement, "measurement");
    tags = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tags));
    fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
  }
}
