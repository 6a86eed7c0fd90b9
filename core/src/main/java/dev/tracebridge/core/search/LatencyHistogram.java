package dev.tracebridge.core.search;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Latencies counted in fixed logarithmic buckets, so that minutes (and nodes) merge by adding counts
 * and percentiles over any range are read from the sum. Bucket {@code i} holds values up to
 * {@code 1 µs × 2^(i/4)}: four buckets per doubling keep a percentile within ~9 % of the true value,
 * and {@value #BUCKETS} buckets reach past nine hours. The exact minimum and maximum are kept too, so
 * a percentile never lies outside what was observed.
 */
public final class LatencyHistogram {
  /** Buckets per doubling of latency: the precision/size trade-off described above. */
  static final int BUCKETS_PER_DOUBLING = 4;
  /** The first bucket's upper bound: nothing a browser or a span measures is meaningfully shorter. */
  static final long FIRST_BOUND_NANOS = 1_000;
  /** 1 µs × 2^(140/4) = 2^35 µs ≈ 9.5 h; anything longer is counted in the last bucket. */
  public static final int BUCKETS = 141;

  private static final LatencyHistogram EMPTY = new LatencyHistogram(new long[BUCKETS], 0, 0, 0);

  private final long[] counts;
  private final long count;
  private final long minNanos;
  private final long maxNanos;

  private LatencyHistogram(long[] counts, long count, long minNanos, long maxNanos) {
    this.counts = counts;
    this.count = count;
    this.minNanos = minNanos;
    this.maxNanos = maxNanos;
  }

  public static LatencyHistogram empty() {
    return EMPTY;
  }

  public static LatencyHistogram of(long... nanos) {
    Builder builder = builder();
    for (long value : nanos) builder.record(value);
    return builder.build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Rebuilds a histogram from its stored form ({@link #bucketCounts()}, min, max).
   *
   * @throws IllegalArgumentException when a bucket index or count is out of range
   */
  public static LatencyHistogram fromBuckets(Map<Integer, Long> bucketCounts, long minNanos, long maxNanos) {
    requireNonNull(bucketCounts, "bucketCounts");
    long[] counts = new long[BUCKETS];
    long total = 0;
    for (Map.Entry<Integer, Long> bucket : bucketCounts.entrySet()) {
      int index = bucket.getKey();
      long n = bucket.getValue();
      if (index < 0 || index >= BUCKETS) {
        throw new IllegalArgumentException("bucket: " + index + " (expected: 0 to " + (BUCKETS - 1) + ")");
      }
      if (n < 0) throw new IllegalArgumentException("bucket " + index + " count: " + n + " (expected: >= 0)");
      counts[index] += n;
      total += n;
    }
    if (total == 0) return EMPTY;
    if (minNanos < 0 || maxNanos < minNanos) {
      throw new IllegalArgumentException("min/max: " + minNanos + "/" + maxNanos + " (expected: 0 <= min <= max)");
    }
    return new LatencyHistogram(counts, total, minNanos, maxNanos);
  }

  /** The bucket a latency falls in. */
  static int bucketOf(long nanos) {
    if (nanos <= FIRST_BOUND_NANOS) return 0;
    double doublings = Math.log((double) nanos / FIRST_BOUND_NANOS) / Math.log(2);
    int index = (int) Math.ceil(doublings * BUCKETS_PER_DOUBLING - 1e-9);
    return Math.min(index, BUCKETS - 1);
  }

  static double upperBound(int bucket) {
    return FIRST_BOUND_NANOS * Math.pow(2, (double) bucket / BUCKETS_PER_DOUBLING);
  }

  public long count() {
    return count;
  }

  public long minNanos() {
    return minNanos;
  }

  public long maxNanos() {
    return maxNanos;
  }

  /**
   * The latency at quantile {@code q} (0..1) by nearest rank, estimated as the geometric middle of its
   * bucket and kept within the observed minimum and maximum (the first and last rank are those, exactly);
   * 0 when nothing was recorded.
   */
  public long percentileNanos(double q) {
    if (q < 0 || q > 1) throw new IllegalArgumentException("q: " + q + " (expected: 0 to 1)");
    if (count == 0) return 0;
    long rank = Math.max(1, (long) Math.ceil(q * count));
    // The extremes are known exactly; only ranks in between need the bucket estimate.
    if (rank >= count) return maxNanos;
    if (rank == 1) return minNanos;
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += counts[i];
      if (seen >= rank) {
        double lower = i == 0 ? 0 : upperBound(i - 1);
        double estimate = i == 0 ? upperBound(0) / 2 : Math.sqrt(lower * upperBound(i));
        return Math.max(minNanos, Math.min(maxNanos, Math.round(estimate)));
      }
    }
    return maxNanos;
  }

  /** The counts of the non-empty buckets, by bucket index: the stored form. */
  public Map<Integer, Long> bucketCounts() {
    TreeMap<Integer, Long> sparse = new TreeMap<>();
    for (int i = 0; i < BUCKETS; i++) {
      if (counts[i] > 0) sparse.put(i, counts[i]);
    }
    return Collections.unmodifiableMap(sparse);
  }

  public LatencyHistogram merge(LatencyHistogram other) {
    requireNonNull(other, "other");
    if (other.count == 0) return this;
    if (count == 0) return other;
    long[] sum = counts.clone();
    for (int i = 0; i < BUCKETS; i++) sum[i] += other.counts[i];
    return new LatencyHistogram(sum, count + other.count, Math.min(minNanos, other.minNanos),
        Math.max(maxNanos, other.maxNanos));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LatencyHistogram other && count == other.count && minNanos == other.minNanos
        && maxNanos == other.maxNanos && Arrays.equals(counts, other.counts);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(counts) * 31 + Long.hashCode(count);
  }

  @Override
  public String toString() {
    return "LatencyHistogram[count=" + count + ", min=" + minNanos + ", max=" + maxNanos + ", buckets="
        + bucketCounts() + "]";
  }

  /** Records latencies one by one; not thread-safe, build once. */
  public static final class Builder {
    private final long[] counts = new long[BUCKETS];
    private long count;
    private long min = Long.MAX_VALUE;
    private long max;

    private Builder() {}

    /** Records one latency; negative values (clock trouble) count as zero. */
    public Builder record(long nanos) {
      long value = Math.max(0, nanos);
      counts[bucketOf(value)]++;
      count++;
      min = Math.min(min, value);
      max = Math.max(max, value);
      return this;
    }

    public LatencyHistogram build() {
      return count == 0 ? EMPTY : new LatencyHistogram(counts.clone(), count, min, max);
    }
  }
}
