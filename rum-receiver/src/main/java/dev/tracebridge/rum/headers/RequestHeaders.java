package dev.tracebridge.rum.headers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Raw headers as an SDK reported them, looked up by name in any case. A name sent twice in different
 * cases with different values is ambiguous: the first wins and the conflict is reported.
 */
final class RequestHeaders {
  private final Map<String, String> byLowerName;

  private RequestHeaders(Map<String, String> byLowerName) {
    this.byLowerName = byLowerName;
  }

  static RequestHeaders of(Map<String, String> raw, List<String> errors) {
    Map<String, String> lower = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : raw.entrySet()) {
      if (e.getKey() == null || e.getValue() == null) continue;
      String name = e.getKey().strip().toLowerCase(Locale.ROOT);
      String previous = lower.putIfAbsent(name, e.getValue());
      if (previous != null && !previous.equals(e.getValue())) {
        errors.add(name + ": sent twice with different values (kept the first)");
      }
    }
    return new RequestHeaders(lower);
  }

  /** The value, stripped of surrounding whitespace; null when absent or blank. */
  @Nullable String get(String lowerName) {
    String value = byLowerName.get(lowerName);
    if (value == null) return null;
    String stripped = value.strip();
    return stripped.isEmpty() ? null : stripped;
  }
}
