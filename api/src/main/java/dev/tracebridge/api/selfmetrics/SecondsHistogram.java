package dev.tracebridge.api.selfmetrics;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/** A Prometheus histogram of durations in seconds, with fixed cumulative buckets. */
final class SecondsHistogram {
  /**
   * From a healthy single-partition write (about a millisecond) to the store's 5 s request timeout and
   * beyond: the buckets where write latency moves when Cassandra struggles.
   */
  static final double[] BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
  private static final double NANOS_PER_SECOND = 1e9;

  private final String name;
  private final String help;
  private final LongAdder[] counts = new LongAdder[BUCKETS.length + 1];
  private final LongAdder count = new LongAdder();
  /** Sum in nanoseconds: a LongAdder of whole nanos never loses precision the way a double sum would. */
  private final LongAdder sumNanos = new LongAdder();

  SecondsHistogram(String name, String help) {
    this.name = requireNonNull(name, "name");
    this.help = requireNonNull(help, "help");
    for (int i = 0; i < counts.length; i++) counts[i] = new LongAdder();
  }

  void observeNanos(long nanos) {
    long clamped = Math.max(0, nanos);
    double seconds = clamped / NANOS_PER_SECOND;
    int bucket = 0;
    while (bucket < BUCKETS.length && seconds > BUCKETS[bucket]) bucket++;
    counts[bucket].increment();
    count.increment();
    sumNanos.add(clamped);
  }

  long count() {
    return count.sum();
  }

  void render(StringBuilder out) {
    Exposition.header(out, name, help, "histogram");
    long cumulative = 0;
    for (int i = 0; i < BUCKETS.length; i++) {
      cumulative += counts[i].sum();
      out.append(name).append("_bucket").append(Exposition.labels(List.of("le"), List.of(Double.toString(BUCKETS[i]))))
          .append(' ').append(cumulative).append('\n');
    }
    cumulative += counts[BUCKETS.length].sum();
    out.append(name).append("_bucket{le=\"+Inf\"} ").append(cumulative).append('\n');
    out.append(name).append("_sum ").append(Exposition.number(sumNanos.sum() / NANOS_PER_SECOND)).append('\n');
    out.append(name).append("_count ").append(cumulative).append('\n');
  }
}
