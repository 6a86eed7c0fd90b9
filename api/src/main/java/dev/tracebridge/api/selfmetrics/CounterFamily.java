package dev.tracebridge.api.selfmetrics;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A Prometheus counter with labels. The label values used by the engine come from closed sets (paths,
 * protocols, reasons, status codes, verdicts), so the number of series stays small without a cap.
 */
final class CounterFamily {
  private final String name;
  private final String help;
  private final List<String> labelNames;
  private final Map<List<String>, LongAdder> series = new ConcurrentHashMap<>();

  CounterFamily(String name, String help, String... labelNames) {
    this.name = requireNonNull(name, "name");
    this.help = requireNonNull(help, "help");
    this.labelNames = List.of(labelNames);
  }

  void add(long amount, String... labelValues) {
    if (labelValues.length != labelNames.size()) {
      throw new IllegalArgumentException("labelValues: " + labelValues.length + " (expected: "
          + labelNames.size() + " for " + labelNames + ")");
    }
    if (amount <= 0) return;
    series.computeIfAbsent(List.of(labelValues), k -> new LongAdder()).add(amount);
  }

  long value(String... labelValues) {
    LongAdder adder = series.get(List.of(labelValues));
    return adder == null ? 0 : adder.sum();
  }

  void render(StringBuilder out) {
    Exposition.header(out, name, help, "counter");
    // Sorted so that a scrape reads the same way every time.
    Map<String, Long> lines = new TreeMap<>();
    series.forEach((values, adder) -> lines.put(Exposition.labels(labelNames, values), adder.sum()));
    lines.forEach((labels, value) -> out.append(name).append(labels).append(' ').append(value).append('\n'));
  }
}
