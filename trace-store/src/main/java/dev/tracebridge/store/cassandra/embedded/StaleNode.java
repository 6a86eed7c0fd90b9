package dev.tracebridge.store.cassandra.embedded;

import dev.tracebridge.store.cassandra.embedded.EmbeddedCassandraException.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The pid file that outlives a crashed engine. If the engine died without stopping its node (kill -9,
 * power cut of the terminal), the node still holds the ports and the data folder; the next start finds
 * it through the pid file, makes sure the process really is that node, and stops it.
 */
final class StaleNode {
  /** A node flushes its memtables on SIGTERM; REFERENCE.md §4 measured ~6 s. */
  static final Duration TERMINATE_TIMEOUT = Duration.ofSeconds(30);
  /** After SIGKILL the kernel reclaims the process at once; this only bounds a zombie wait. */
  private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);

  private StaleNode() {}

  static void write(Path pidFile, long pid) {
    try {
      Files.writeString(pidFile, pid + "\n", StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new EmbeddedCassandraException(Problem.DATA_DIR, "Cannot write " + pidFile + ": " + e, e);
    }
  }

  static void remove(Path pidFile) {
    try {
      Files.deleteIfExists(pidFile);
    } catch (IOException e) {
      // Harmless: the next start sees a dead or foreign pid and removes the file then.
    }
  }

  /** Stops a node left running by an earlier run and removes its pid file; a no-op without one. */
  static void clear(NodeLayout layout, Consumer<String> progress) {
    Path pidFile = layout.pidFile();
    if (!Files.exists(pidFile)) return;
    Optional<Long> pid = read(pidFile);
    Optional<ProcessHandle> process = pid.flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
    if (process.isEmpty()) {
      progress.accept("Removed the stale pid file of a node that is no longer running ("
          + pid.map(String::valueOf).orElse("unreadable") + ").");
      remove(pidFile);
      return;
    }
    ProcessHandle node = process.get();
    if (!isOurNode(node, layout)) {
      // The pid was reused by an unrelated process after the node died: never touch it.
      progress.accept("Removed the stale pid file: pid " + node.pid() + " is now another program.");
      remove(pidFile);
      return;
    }
    progress.accept("Found the embedded Cassandra of an earlier run still running (pid " + node.pid()
        + "); stopping it before starting a new one...");
    terminate(node);
    remove(pidFile);
    progress.accept("Stopped the earlier embedded Cassandra (pid " + node.pid() + ").");
  }

  /** Whether the process is a Cassandra node started from this data directory's configuration. */
  static boolean isOurNode(ProcessHandle process, NodeLayout layout) {
    String commandLine = process.info().commandLine().orElse("");
    return commandLine.contains(CassandraJars.MAIN_CLASS)
        && commandLine.contains("-Dcassandra.config=" + layout.yamlUrl());
  }

  private static Optional<Long> read(Path pidFile) {
    try {
      return Optional.of(Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).strip()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** SIGTERM, a wait for a clean exit, then SIGKILL. */
  static void terminate(ProcessHandle node) {
    node.destroy();
    if (awaitExit(node, TERMINATE_TIMEOUT)) return;
    node.destroyForcibly();
    if (!awaitExit(node, KILL_TIMEOUT)) {
      throw new EmbeddedCassandraException(Problem.STALE_NODE, "The embedded Cassandra of an earlier"
          + " run (pid " + node.pid() + ") did not stop, even after SIGKILL. Stop it by hand.");
    }
  }

  private static boolean awaitExit(ProcessHandle process, Duration timeout) {
    try {
      process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      return !process.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }
}
