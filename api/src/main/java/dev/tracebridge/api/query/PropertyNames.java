package dev.tracebridge.api.query;

import java.util.HashMap;
import java.util.Map;

/**
 * JSON property names quoted and UTF-8 encoded once per answer. In a 200-span trace the same few dozen
 * attribute keys are written thousands of times; checking each for escapes on every use was, with the
 * values, a fifth of the trace route's sampled CPU before names were encoded once. One instance serves
 * one response: the keys are the trace's own, so the map's size is bounded by what one trace holds.
 */
final class PropertyNames {
  private final Map<String, JsonBytes.Name> quoted = new HashMap<>();

  /** {@code key} encoded, once per distinct key for this instance. */
  JsonBytes.Name of(String key) {
    JsonBytes.Name name = quoted.get(key);
    if (name == null) {
      name = JsonBytes.Name.of(key);
      quoted.put(key, name);
    }
    return name;
  }
}
