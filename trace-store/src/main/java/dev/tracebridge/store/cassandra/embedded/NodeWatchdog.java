package dev.tracebridge.store.cassandra.embedded;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Restarts the embedded node when its process dies on its own (killed, out of memory, a crash), with
 * bounded retries and backoff, and says so in the log. Meanwhile the store refuses writes with
 * STORAGE_UNAVAILABLE (ingest answers 503 / UNAVAILABLE) and the driver reconnects by itself once the
 * node is back. It only uses what the node offers to anyone ({@link EmbeddedCassandra#start},
 * {@link EmbeddedCassandra#isAlive}, {@link EmbeddedCassandra#close}): a restart is a fresh start on the
 * same data directory and ports, so it recovers the data exactly as a restart by hand would.
 */
public final class NodeWatchdog implements AutoCloseable {
  /** A dead node is noticed within this; checking a process handle costs next to nothing. */
  static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);
  /** The first restart waits briefly: the ports of a killed node are free at once. */
  static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
  /** A node that keeps dying is retried at most this far apart. */
  static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
  /** A node that stayed up this long is healthy again: its restart budget starts over. */
  static final Duration STABLE_AFTER = Duration.ofMinutes(10);

  private final EmbeddedCassandraConfig config;
  private final int maxRestarts;
  private final Consumer<String> log;
  private final LongSupplier nanoClock = System::nanoTime;
  private final Object lock = new Object();
  private final Thread thread;
  private final Thread shutdownHook;
  private volatile EmbeddedCassandra node;
  private volatile boolean closed;
  private volatile int restarts;

  private NodeWatchdog(EmbeddedCassandra node, int maxRestarts, Consumer<String> log) {
    this.node = node;
    this.config = node.config();
    this.maxRestarts = maxRestarts;
    this.log = log;
    this.thread = new Thread(this::run, "embedded-cassandra-watchdog");
    this.thread.setDaemon(true);
    // When the engine's JVM stops, the node's own shutdown hook stops the node: that is no crash.
    this.shutdownHook = new Thread(() -> closed = true, "embedded-cassandra-watchdog-stop");
  }

  /**
   * Watches {@code node} from now on; {@link #close()} stops watching and stops the node then running.
   *
   * @param maxRestarts restarts in a row (without {@link #STABLE_AFTER} of uptime between them) before
   *     the watchdog gives up and leaves the node down; 0 never restarts
   */
  public static NodeWatchdog watch(EmbeddedCassandra node, int maxRestarts, Consumer<String> log) {
    requireNonNull(node, "node");
    requireNonNull(log, "log");
    if (maxRestarts < 0) {
      throw new IllegalArgumentException("maxRestarts: " + maxRestarts + " (expected: >= 0)");
    }
    NodeWatchdog watchdog = new NodeWatchdog(node, maxRestarts, log);
    Runtime.getRuntime().addShutdownHook(watchdog.shutdownHook);
    watchdog.thread.start();
    return watchdog;
  }

  /** The node now running (or the last one, while it is down). */
  public EmbeddedCassandra node() {
    return node;
  }

  /** Restarts done so far. */
  public int restarts() {
    return restarts;
  }

  /** The wait before the restart after {@code failuresInARow} earlier ones: 1 s, 2 s, 4 s ... 30 s. */
  static Duration backoff(int failuresInARow) {
    long seconds = FIRST_BACKOFF.toSeconds() << Math.min(failuresInARow, Long.SIZE - 2);
    return seconds <= 0 || seconds > MAX_BACKOFF.toSeconds() ? MAX_BACKOFF : Duration.ofSeconds(seconds);
  }

  private void run() {
    int inARow = 0;
    long upSince = nanoClock.getAsLong();
    try {
      while (!closed) {
        Thread.sleep(CHECK_INTERVAL.toMillis());
        EmbeddedCassandra current = node;
        if (current.isAlive()) {
          if (nanoClock.getAsLong() - upSince > STABLE_AFTER.toNanos()) inARow = 0;
          continue;
        }
        if (closed) return;
        if (inARow >= maxRestarts) {
          log.accept("The embedded Cassandra (pid " + current.pid() + ") is not running and " + inARow
              + " restarts in a row did not keep it up; giving up (restart the engine). Its log: "
              + current.logFile());
          return;
        }
        Duration wait = backoff(inARow);
        inARow++;
        log.accept("The embedded Cassandra (pid " + current.pid() + ") exited; ingest answers 503 until it is"
            + " back. Restarting it in " + wait.toSeconds() + "s (attempt " + inARow + " of " + maxRestarts
            + "). Its log: " + current.logFile());
        Thread.sleep(wait.toMillis());
        synchronized (lock) {
          if (closed) return;
          // Closing the dead node removes its pid file and shutdown hook before the new one writes its own.
          current.close();
          try {
            node = EmbeddedCassandra.start(config, log);
            restarts++;
            upSince = nanoClock.getAsLong();
          } catch (EmbeddedCassandraException e) {
            log.accept("Restarting the embedded Cassandra failed: " + e.getMessage());
          }
        }
      }
    } catch (InterruptedException e) {
      // close() interrupts: stop watching.
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    closed = true;
    // Interrupting aborts a restart in progress (the start stops a node it is waiting for).
    thread.interrupt();
    synchronized (lock) {
      node.close();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down; the hook has run or is running.
    }
  }
}
