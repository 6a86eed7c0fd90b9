package dev.tracebridge.rum.guance;

import dev.tracebridge.rum.batch.StableEventId;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/** A stable id for a point the SDK sent without one: a digest of its sorted tags, fields and time. */
final class GuancePointId {

  private GuancePointId() {}

  static String of(LinePoint point) {
    StringBuilder canonical = new StringBuilder(point.measurement());
    new TreeMap<>(point.tags()).forEach((k, v) -> canonical.append('\u0000').append(k).append('=').append(v));
    canonical.append('\u0001');
    for (Map.Entry<String, FieldValue> e : new TreeMap<>(point.fields()).entrySet()) {
      canonical.append('\u0000').append(e.getKey()).append('=').append(e.getValue().asText());
    }
    canonical.append('\u0001').append(point.timestamp());
    return StableEventId.of(canonical.toString().getBytes(StandardCharsets.UTF_8));
  }
}
