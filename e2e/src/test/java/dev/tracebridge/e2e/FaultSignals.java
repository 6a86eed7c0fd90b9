package dev.tracebridge.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Signals and memory of processes by pid, for the fault tests: SIGKILL (a crash), SIGSTOP and SIGCONT
 * (a node that stops answering and comes back, like a long GC pause or a frozen VM), and VmRSS.
 */
final class FaultSignals {
  private static final long KIB = 1024;
  private static final long SIGNAL_TIMEOUT_SECONDS = 10;

  private FaultSignals() {}

  static void kill(long pid) throws IOException, InterruptedException {
    signal(pid, "KILL");
  }

  static void stop(long pid) throws IOException, InterruptedException {
    signal(pid, "STOP");
  }

  static void resume(long pid) throws IOException, InterruptedException {
    signal(pid, "CONT");
  }

  static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /** Resident memory now, from /proc/PID/status. */
  static long rssBytes(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.substring("VmRSS:".length()).replace("kB", "").trim()) * KIB;
      }
    }
    throw new IOException("/proc/" + pid + "/status has no VmRSS");
  }

  private static void signal(long pid, String signal) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-s", signal, Long.toString(pid)).inheritIO().start();
    if (!kill.waitFor(SIGNAL_TIMEOUT_SECONDS, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new IOException("kill -s " + signal + " " + pid + " failed");
    }
  }
}
