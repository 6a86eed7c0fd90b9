package dev.tracebridge.bench.load;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.bench.SampleExport;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * One 200-span OTLP export ({@link SampleExport}: 20 traces of 10 spans, ~490 B per span, 10 attributes),
 * encoded once by the OpenTelemetry SDK's marshaler. Each send copies the bytes and writes fresh trace
 * ids at the places the template's ids sit, and shifts every span and event time by the same amount so
 * the export's last span ends when it is sent (as a batching exporter sends spans once they end): every export is a new set of traces, at the time a live service's
 * would be, while the generator spends no time encoding (the benchmark measures the engine, not the
 * client). Fixed times would put every trace of a run into the same minute and hour index partitions,
 * which no real workload does.
 */
final class TraceExportTemplate {
  static final int TRACE_ID_BYTES = 16;
  /** Protobuf tags of the fixed64 times: Span.start_time_unix_nano (7), end_time_unix_nano (8), Event.time (1). */
  private static final Set<Byte> TIME_TAGS = Set.of((byte) 0x39, (byte) 0x41, (byte) 0x09);

  private final byte[] template;
  /** Per trace of the export, the offsets of every copy of its id (one per span). */
  private final int[][] idOffsets;
  /** The offsets of every span start, span end and event time. */
  private final int[] timeOffsets;
  /** The template's latest span end: {@link #next} moves it to the time it is given. */
  private final long lastEndNanos;
  private final int spans;

  private TraceExportTemplate(byte[] template, int[][] idOffsets, int[] timeOffsets, long lastEndNanos,
      int spans) {
    this.template = template;
    this.idOffsets = idOffsets;
    this.timeOffsets = timeOffsets;
    this.lastEndNanos = lastEndNanos;
    this.spans = spans;
  }

  static TraceExportTemplate create() {
    SampleExport sample = SampleExport.create();
    byte[] bytes = sample.protobuf();
    Map<ByteBuffer, Integer> spansPerTrace = new LinkedHashMap<>();
    for (SpanData span : sample.spans()) {
      spansPerTrace.merge(ByteBuffer.wrap(span.getSpanContext().getTraceIdBytes()), 1, Integer::sum);
    }
    int[][] offsets = new int[spansPerTrace.size()][];
    int trace = 0;
    for (Map.Entry<ByteBuffer, Integer> entry : spansPerTrace.entrySet()) {
      int[] found = occurrences(bytes, entry.getKey().array());
      // A span's trace id is written once per span; anything else would mean the patch hits other bytes.
      if (found.length != entry.getValue()) {
        throw new IllegalStateException("trace id found " + found.length + " times in the export (expected: "
            + entry.getValue() + ", one per span)");
      }
      offsets[trace++] = found;
    }
    Set<Long> times = new TreeSet<>();
    for (SpanData span : sample.spans()) {
      times.add(span.getStartEpochNanos());
      times.add(span.getEndEpochNanos());
      for (EventData event : span.getEvents()) times.add(event.getEpochNanos());
    }
    List<Integer> timeOffsets = new ArrayList<>();
    for (long time : times) {
      byte[] encoded = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(time).array();
      int[] found = occurrences(bytes, encoded);
      if (found.length == 0) throw new IllegalStateException("time " + time + " not found in the export");
      for (int offset : found) {
        // Preceded by a time field's tag: anything else would be other bytes that happen to match.
        if (offset == 0 || !TIME_TAGS.contains(bytes[offset - 1])) {
          throw new IllegalStateException("time " + time + " found at " + offset + " outside a time field");
        }
        timeOffsets.add(offset);
      }
    }
    long lastEnd = sample.spans().stream().mapToLong(SpanData::getEndEpochNanos).max().orElseThrow();
    return new TraceExportTemplate(bytes, offsets, timeOffsets.stream().mapToInt(Integer::intValue).toArray(),
        lastEnd, sample.spans().size());
  }

  int spans() {
    return spans;
  }

  int traces() {
    return idOffsets.length;
  }

  int bytes() {
    return template.length;
  }

  /**
   * A copy of the export with new random trace ids and its last span ending at {@code endNanos} (unix
   * epoch), every other time as far before it as in the template; {@code ids} receives the ids (2 longs
   * per trace).
   */
  byte[] next(SplittableRandom random, long[] ids, long endNanos) {
    requireNonNull(random, "random");
    byte[] body = template.clone();
    ByteBuffer times = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
    long shift = endNanos - lastEndNanos;
    for (int offset : timeOffsets) times.putLong(offset, times.getLong(offset) + shift);
    ByteBuffer view = ByteBuffer.wrap(body);
    for (int t = 0; t < idOffsets.length; t++) {
      long high = random.nextLong() | 1; // never the all-zero id
      long low = random.nextLong();
      ids[2 * t] = high;
      ids[2 * t + 1] = low;
      for (int offset : idOffsets[t]) {
        view.putLong(offset, high);
        view.putLong(offset + Long.BYTES, low);
      }
    }
    return body;
  }

  private static int[] occurrences(byte[] haystack, byte[] needle) {
    List<Integer> found = new ArrayList<>();
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) found.add(i);
    }
    return found.stream().mapToInt(Integer::intValue).toArray();
  }
}
