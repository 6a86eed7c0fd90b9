package dev.tracebridge.bench.query;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's CPU time so far (user + system), from /proc/&lt;pid&gt;/stat, in seconds. */
final class ProcessCpu {
  /** utime and stime are the 14th and 15th fields; counted after the ")" closing the command name. */
  private static final int UTIME_AFTER_NAME = 11;

  private ProcessCpu() {}

  static double seconds(long pid, long clockTicks) throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long ticks = Long.parseLong(fields[UTIME_AFTER_NAME]) + Long.parseLong(fields[UTIME_AFTER_NAME + 1]);
    return (double) ticks / clockTicks;
  }
}
