package dev.tracebridge.bench.query;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The engine's stop-the-world pauses during one run, from its unified GC log ({@code -Xlog:gc}): how many,
 * their sum and the longest. Every pause stalls every request in flight, so a closed loop's tail is read
 * against these (a 500 ms stall with no pause this long was something else).
 */
record GcPauses(int count, double totalMillis, double maxMillis) {
  /** "[12.345s][info][gc] GC(12) Pause Young (Normal) (G1 Evacuation Pause) 120M->30M(256M) 3.210ms". */
  private static final Pattern PAUSE = Pattern.compile("\\bPause\\b.*?(\\d+(?:\\.\\d+)?)ms\\s*$");

  /** The pauses in {@code text}, lines of a GC log; other lines (concurrent phases, heap sizes) are skipped. */
  static GcPauses in(String text) {
    requireNonNull(text, "text");
    int count = 0;
    double total = 0;
    double max = 0;
    for (String line : text.split("\n")) {
      Matcher m = PAUSE.matcher(line);
      if (!m.find()) continue;
      double millis = Double.parseDouble(m.group(1));
      count++;
      total += millis;
      max = Math.max(max, millis);
    }
    return new GcPauses(count, total, max);
  }

  /** Where a run starts reading {@code log}: its length now (0 while the JVM has not created it). */
  static long mark(Path log) throws IOException {
    return Files.exists(log) ? Files.size(log) : 0;
  }

  /** The pauses the JVM logged to {@code log} after {@code mark}. */
  static GcPauses since(Path log, long mark) throws IOException {
    if (!Files.exists(log)) return new GcPauses(0, 0, 0);
    try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
      long length = file.length();
      if (length <= mark) return new GcPauses(0, 0, 0);
      byte[] added = new byte[Math.toIntExact(length - mark)];
      file.seek(mark);
      file.readFully(added);
      return in(new String(added, StandardCharsets.UTF_8));
    }
  }
}
