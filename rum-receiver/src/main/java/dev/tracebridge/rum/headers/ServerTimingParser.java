package dev.tracebridge.rum.headers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code Server-Timing} header: {@code metric;param=value;param="quoted, value", metric2;dur=12}. A
 * server that cannot put ids in the page sends {@code traceparent;desc="00-...-01"} here, and the browser
 * exposes it to the SDK through Resource Timing's {@code serverTiming}. Quoted strings may hold commas and
 * semicolons, so the value is scanned rather than split.
 */
final class ServerTimingParser {

  record Metric(String name, Map<String, String> params) {}

  static List<Metric> parse(String header) {
    List<Metric> metrics = new ArrayList<>();
    List<String> parts = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < header.length(); i++) {
      char c = header.charAt(i);
      if (quoted) {
        if (c == '\\' && i + 1 < header.length()) {
          current.append(c).append(header.charAt(++i));
          continue;
        }
        if (c == '"') quoted = false;
        current.append(c);
      } else if (c == '"') {
        quoted = true;
        current.append(c);
      } else if (c == ';' || c == ',') {
        parts.add(current.toString().strip());
        current.setLength(0);
        if (c == ',') {
          addMetric(parts, metrics);
          parts.clear();
        }
      } else {
        current.append(c);
      }
    }
    parts.add(current.toString().strip());
    addMetric(parts, metrics);
    return metrics;
  }

  private static void addMetric(List<String> parts, List<Metric> metrics) {
    if (parts.isEmpty() || parts.get(0).isEmpty()) return;
    Map<String, String> params = new LinkedHashMap<>();
    for (String param : parts.subList(1, parts.size())) {
      int eq = param.indexOf('=');
      if (eq <= 0) continue;
      params.putIfAbsent(param.substring(0, eq).strip().toLowerCase(Locale.ROOT),
          unquote(param.substring(eq + 1).strip()));
    }
    metrics.add(new Metric(parts.get(0).toLowerCase(Locale.ROOT), params));
  }

  private static String unquote(String value) {
    if (value.length() < 2 || value.charAt(0) != '"' || value.charAt(value.length() - 1) != '"') return value;
    StringBuilder out = new StringBuilder();
    for (int i = 1; i < value.length() - 1; i++) {
      char c = value.charAt(i);
      if (c == '\\' && i + 1 < value.length() - 1) c = value.charAt(++i);
      out.append(c);
    }
    return out.toString();
  }
}
