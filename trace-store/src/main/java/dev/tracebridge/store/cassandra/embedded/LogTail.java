package dev.tracebridge.store.cassandra.embedded;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The last lines of a log file, for error messages that must show why the node stopped. */
final class LogTail {
  /** Enough for a stack trace's head and the lines before it, without flooding the terminal. */
  static final int LINES = 20;
  /** Reads at most this much from the end: log lines are short, and the file may be large. */
  private static final int MAX_BYTES = 64 * 1024;
  /** Cassandra logs its whole class path on one line; a message needs only the start of such a line. */
  static final int MAX_LINE_CHARS = 300;

  private LogTail() {}

  /** The last {@code lines} lines, or an empty list when the file is missing or empty. */
  static List<String> of(Path file, int lines) {
    if (!Files.isRegularFile(file)) return List.of();
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long length = in.length();
      int size = (int) Math.min(length, MAX_BYTES);
      byte[] bytes = new byte[size];
      in.seek(length - size);
      in.readFully(bytes);
      List<String> all = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\r?\n"));
      List<String> nonEmpty = all.stream().filter(line -> !line.isBlank()).toList();
      return nonEmpty.subList(Math.max(0, nonEmpty.size() - lines), nonEmpty.size());
    } catch (IOException e) {
      return List.of("(cannot read " + file + ": " + e.getMessage() + ")");
    }
  }

  /** A block for an error message: a heading naming the file, then its last lines indented. */
  static String describe(Path file, int lines) {
    List<String> tail = of(file, lines);
    if (tail.isEmpty()) return "";
    StringBuilder out = new StringBuilder("\nLast lines of ").append(file).append(":\n");
    for (String line : tail) {
      String shown = line.length() > MAX_LINE_CHARS ? line.substring(0, MAX_LINE_CHARS) + "..." : line;
      out.append("  ").append(shown).append('\n');
    }
    return out.toString();
  }
}
