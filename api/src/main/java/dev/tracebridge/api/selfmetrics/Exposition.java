package dev.tracebridge.api.selfmetrics;

import java.util.List;
import java.util.Locale;

/** Pieces of Prometheus' text exposition format (version 0.0.4). */
final class Exposition {
  private Exposition() {}

  static void header(StringBuilder out, String name, String help, String type) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  /** {@code {a="x",b="y"}}, or nothing for no labels. */
  static String labels(List<String> names, List<String> values) {
    if (names.isEmpty()) return "";
    StringBuilder out = new StringBuilder("{");
    for (int i = 0; i < names.size(); i++) {
      if (i > 0) out.append(',');
      out.append(names.get(i)).append("=\"").append(escape(values.get(i))).append('"');
    }
    return out.append('}').toString();
  }

  static String number(double value) {
    if (value == Math.rint(value) && !Double.isInfinite(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return String.format(Locale.ROOT, "%.6f", value);
  }

  /** The format's label escapes: backslash, double quote and line feed. */
  static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
