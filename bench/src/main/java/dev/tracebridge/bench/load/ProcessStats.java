package dev.tracebridge.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What Linux tells about a process in /proc: CPU time (utime + stime of /proc/PID/stat) and memory
 * (VmRSS now, VmHWM the peak resident set since it started).
 */
record ProcessStats(long pid, long clockTicksPerSecond) {
  /** Fields 14 and 15 of /proc/PID/stat, counted from the first field after the command's ')'. */
  private static final int UTIME_AFTER_COMMAND = 11;
  private static final int STIME_AFTER_COMMAND = 12;
  private static final long KIB = 1024;

  /** User plus system CPU seconds the process used so far. */
  double cpuSeconds() {
    String stat = read("stat");
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    long ticks = Long.parseLong(fields[UTIME_AFTER_COMMAND]) + Long.parseLong(fields[STIME_AFTER_COMMAND]);
    return (double) ticks / clockTicksPerSecond;
  }

  long peakRssBytes() {
    return statusKib("VmHWM:") * KIB;
  }

  long rssBytes() {
    return statusKib("VmRSS:") * KIB;
  }

  boolean alive() {
    return Files.exists(Path.of("/proc", Long.toString(pid), "stat"));
  }

  private long statusKib(String field) {
    for (String line : read("status").split("\n")) {
      if (line.startsWith(field)) {
        return Long.parseLong(line.substring(field.length()).replace("kB", "").trim());
      }
    }
    throw new IllegalStateException("/proc/" + pid + "/status has no " + field);
  }

  private String read(String file) {
    try {
      return Files.readString(Path.of("/proc", Long.toString(pid), file));
    } catch (IOException e) {
      throw new UncheckedIOException("process " + pid + " is gone", e);
    }
  }
}
