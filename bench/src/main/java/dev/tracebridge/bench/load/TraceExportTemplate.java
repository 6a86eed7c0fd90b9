package dev.tracebridge.bench.load;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.bench.SampleExport;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One 200-span OTLP export ({@link SampleExport}: 20 traces of 10 spans, ~490 B per span, 10 attributes),
 * encoded once by the OpenTelemetry SDK's marshaler. Each send copies the bytes and writes fresh trace
 * ids at the places the template's ids sit, so every export is a new set of traces while the generator
 * spends no time encoding (the benchmark measures the engine, not the client).
 */
final class TraceExportTemplate {
  static final int TRACE_ID_BYTES = 16;

  private final byte[] template;
  /** Per trace of the export, the offsets of every copy of its id (one per span). */
  private final int[][] idOffsets;
  private final int spans;

  private TraceExportTemplate(byte[] template, int[][] idOffsets, int spans) {
    this.template = template;
    this.idOffsets = idOffsets;
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
    return new TraceExportTemplate(bytes, offsets, sample.spans().size());
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

  /** A copy of the export with new random trace ids; {@code ids} receives them (2 longs per trace). */
  byte[] next(SplittableRandom random, long[] ids) {
    requireNonNull(random, "random");
    byte[] body = template.clone();
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
