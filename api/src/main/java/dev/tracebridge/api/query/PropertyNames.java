package dev.tracebridge.api.query;

import java.util.HashMap;
import java.util.Map;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;

/**
 * JSON property names quoted and UTF-8 encoded once. Jackson writes a {@link SerializableString} name by
 * copying its bytes, where a {@code String} name is checked for escapes character by character on every
 * use: in a 200-span trace the same few dozen names are written thousands of times, and that check (names
 * and values together) was a fifth of the trace route's sampled CPU. One instance serves one response: the
 * keys are the trace's own, so the map's size is bounded by what one trace holds.
 */
final class PropertyNames {
  private final Map<String, SerializableString> quoted = new HashMap<>();

  /** {@code key} encoded, once per distinct key for this instance. */
  SerializableString of(String key) {
    SerializableString name = quoted.get(key);
    if (name == null) {
      name = new SerializedString(key);
      quoted.put(key, name);
    }
    return name;
  }
}
