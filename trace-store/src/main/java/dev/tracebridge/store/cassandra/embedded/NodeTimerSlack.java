package dev.tracebridge.store.cassandra.embedded;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Starts the node's JVM with a timer slack of {@value #SLACK_NANOS} ns instead of Linux's 50 µs: the
 * kernel may then fire the node's timed waits up to a millisecond late, and batches their wake-ups.
 *
 * <p>Why: Cassandra's request threads (its shared executor pool) spin between tasks, parking for 10 µs
 * to 1 ms at a time, and a write holds its thread until the commit log group is synced. On this 2-core
 * machine at 5,000 spans/s the node switched threads ~77,000 times a second and spent ~0.85 cores, half of
 * it in those wake-ups; with the slack set on its threads, 17,000 switches and ~0.40 cores at the same
 * load and the same acknowledged, durable writes (docs/benchmarks.md, "Session 5"). The node's work is
 * unchanged; only idle waits wake less often. A millisecond is small beside the commit log's 10 ms group
 * window that every write already waits for.
 *
 * <p>A thread's slack is inherited by the processes and threads it starts, so the node is spawned from a
 * short-lived thread that set its own slack first (prctl PR_SET_TIMERSLACK, no privilege needed); the
 * engine's threads keep theirs. Elsewhere than Linux, or without the C library, the node starts as before.
 */
final class NodeTimerSlack {
  static final long SLACK_NANOS = 1_000_000;
  private static final System.Logger LOG = System.getLogger(NodeTimerSlack.class.getName());
  private static final int PR_SET_TIMERSLACK = 29;
  private static final boolean LINUX =
      System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");

  private NodeTimerSlack() {}

  /** Starts {@code builder}'s process with the slack set; the caller's own thread is left unchanged. */
  static Process start(ProcessBuilder builder) throws IOException {
    if (!LINUX) return builder.start();
    CompletableFuture<Process> started = new CompletableFuture<>();
    Thread spawner = new Thread(() -> {
      setOwnSlack();
      try {
        started.complete(builder.start());
      } catch (Throwable e) {
        // Whatever the spawn throws must reach the caller, who waits for this future and nothing else.
        started.completeExceptionally(e);
      }
    }, "cassandra-node-spawn");
    spawner.start();
    try {
      // Uninterruptible: the spawn takes milliseconds, and a node started behind the caller's back would run
      // without an owner.
      return started.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) throw io;
      if (cause instanceof RuntimeException runtime) throw runtime;
      if (cause instanceof Error error) throw error;
      throw e;
    }
  }

  private static void setOwnSlack() {
    try {
      int result = CLibrary.INSTANCE.prctl(PR_SET_TIMERSLACK, SLACK_NANOS, 0, 0, 0);
      if (result != 0) {
        LOG.log(System.Logger.Level.INFO, "Cassandra node starts with the default timer slack (prctl answered "
            + result + ")");
      }
    } catch (LinkageError | RuntimeException e) {
      // No libc reachable through JNA (a musl or locked-down system): a slower idle node, nothing worse.
      LOG.log(System.Logger.Level.INFO, "Cassandra node starts with the default timer slack (" + e + ")");
    }
  }

  /** The one libc function used. */
  private interface CLibrary extends Library {
    CLibrary INSTANCE = Native.load("c", CLibrary.class);

    int prctl(int option, long arg2, long arg3, long arg4, long arg5);
  }
}
