package dev.tracebridge.core.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
  private static final long MS = 1_000_000;

  @Test
  void percentiles_areWithinBucketPrecision() {
    LatencyHistogram.Builder builder = LatencyHistogram.builder();
    for (int ms = 1; ms <= 1000; ms++) builder.record(ms * MS);
    LatencyHistogram histogram = builder.build();

    assertThat(histogram.count()).isEqualTo(1000);
    assertThat((double) histogram.percentileNanos(0.5)).isCloseTo(500 * MS, within(500 * MS * 0.10));
    assertThat((double) histogram.percentileNanos(0.95)).isCloseTo(950 * MS, within(950 * MS * 0.10));
    assertThat(histogram.percentileNanos(1.0)).isEqualTo(1000 * MS);
  }

  @Test
  void singleValue_isExact() {
    assertThat(LatencyHistogram.of(42 * MS).percentileNanos(0.99)).isEqualTo(42 * MS);
  }

  @Test
  void merge_equalsRecordingEverythingInOne() {
    LatencyHistogram a = LatencyHistogram.of(1 * MS, 5 * MS);
    LatencyHistogram b = LatencyHistogram.of(300 * MS);

    assertThat(a.merge(b)).isEqualTo(LatencyHistogram.of(1 * MS, 5 * MS, 300 * MS));
  }

  @Test
  void storedForm_roundTrips() {
    LatencyHistogram histogram = LatencyHistogram.of(3 * MS, 70 * MS, 70 * MS, 2_000 * MS);

    LatencyHistogram read = LatencyHistogram.fromBuckets(histogram.bucketCounts(), histogram.minNanos(),
        histogram.maxNanos());

    assertThat(read).isEqualTo(histogram);
  }

  @Test
  void storedBucketOutOfRange_isRefusedWithItsIndex() {
    assertThatThrownBy(() -> LatencyHistogram.fromBuckets(Map.of(500, 1L), 0, 1))
        .hasMessage("bucket: 500 (expected: 0 to 140)");
  }

  @Test
  void empty_answersZero() {
    assertThat(LatencyHistogram.empty().percentileNanos(0.5)).isZero();
  }
}
