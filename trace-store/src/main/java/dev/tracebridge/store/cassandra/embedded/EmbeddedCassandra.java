package dev.tracebridge.store.cassandra.embedded;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.store.cassandra.embedded.EmbeddedCassandraException.Problem;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A real single-node Cassandra running as a child JVM, for the one-machine mode (DESIGN.md "Embedded
 * and cluster modes"). {@link #start} returns once the node accepts CQL connections; {@link #close}
 * stops it cleanly. A JVM shutdown hook stops it too when the engine exits without closing it
 * (Ctrl-C, SIGTERM), and a pid file lets the next start stop a node whose engine was killed.
 */
public final class EmbeddedCassandra implements AutoCloseable {
  /** SIGTERM makes the node flush its memtables before it exits; REFERENCE.md §4 measured ~6 s. */
  static final Duration STOP_TIMEOUT = StaleNode.TERMINATE_TIMEOUT;
  /** How often the start reports progress: often enough that a person sees it is not stuck. */
  static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(1);
  /** The CQL port is polled this often while the node starts; a connect attempt costs next to nothing. */
  private static final long POLL_MILLIS = 100;
  /** After SIGKILL the kernel reclaims the process at once; this only bounds a zombie wait. */
  private static final long KILL_WAIT_SECONDS = 10;
  private static final int CONSOLE_TAIL_LINES = 10;

  private final EmbeddedCassandraConfig config;
  private final NodeLayout layout;
  private final Process process;
  private final Thread shutdownHook;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedCassandra(EmbeddedCassandraConfig config, NodeLayout layout, Process process) {
    this.config = config;
    this.layout = layout;
    this.process = process;
    this.shutdownHook = new Thread(this::stop, "embedded-cassandra-stop");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Starts the node and blocks until its CQL port accepts connections.
   *
   * @param progress receives human-readable lines while the node starts, at least every second or two
   * @throws EmbeddedCassandraException with a message for the user when the node cannot start
   */
  public static EmbeddedCassandra start(EmbeddedCassandraConfig config, Consumer<String> progress) {
    requireNonNull(config, "config");
    requireNonNull(progress, "progress");
    CassandraJars jars = CassandraJars.in(config.libDir());
    JavaRuntime java = JavaRuntime.probe(config.javaExecutable()).requireSupported();
    NodeLayout layout = NodeLayout.under(config.dataDir());
    layout.createDirectories();
    StaleNode.clear(layout, progress);
    PortCheck.requireFree(config.host(), config.nativePort(), "CQL", "EmbeddedCassandraConfig.nativePort");
    PortCheck.requireFree(config.host(), config.storagePort(), "storage",
        "EmbeddedCassandraConfig.storagePort");
    writeConfiguration(config, layout);

    String starting = "Starting embedded Cassandra " + jars.version() + " (data: " + display(layout.root())
        + ", CQL " + config.host() + ":" + config.nativePort() + ")...";
    progress.accept(starting);
    long startedAt = System.nanoTime();
    Process process;
    try {
      process = NodeProcess.start(NodeProcess.command(config, layout, jars, java), layout);
    } catch (IOException e) {
      throw new EmbeddedCassandraException(Problem.WRONG_JAVA,
          "Cannot start the embedded Cassandra with " + java.executable() + ": " + e.getMessage(), e);
    }
    EmbeddedCassandra node = new EmbeddedCassandra(config, layout, process);
    try {
      StaleNode.write(layout.pidFile(), process.pid());
      node.awaitCql(starting, startedAt, progress);
    } catch (RuntimeException e) {
      node.close();
      throw e;
    }
    progress.accept("Embedded Cassandra " + jars.version() + " is up on " + config.host() + ":"
        + config.nativePort() + " after " + seconds(startedAt) + "s (pid " + process.pid() + ", log: "
        + display(layout.log()) + ").");
    return node;
  }

  /** Where the driver connects. */
  public InetSocketAddress contactPoint() {
    return new InetSocketAddress(config.host(), config.nativePort());
  }

  /** The datacenter the node reports (SimpleSnitch's), which the driver must name as its local one. */
  public String localDatacenter() {
    return CassandraYaml.DATACENTER;
  }

  public long pid() {
    return process.pid();
  }

  /** Whether the node's JVM is still running (it may die on its own, of a full disk say). */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** Cassandra's own log, the first place to look when the node misbehaves. */
  public Path logFile() {
    return layout.log();
  }

  public EmbeddedCassandraConfig config() {
    return config;
  }

  /** Stops the node: SIGTERM, up to {@link #STOP_TIMEOUT} for a clean exit, then SIGKILL. */
  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down; the hook is running or has run stop() itself.
    }
  }

  private void stop() {
    if (!closed.compareAndSet(false, true)) return;
    try {
      process.destroy();
      if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(KILL_WAIT_SECONDS, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      if (!process.isAlive()) StaleNode.remove(layout.pidFile());
    }
  }

  private void awaitCql(String starting, long startedAt, Consumer<String> progress) {
    long deadline = startedAt + config.startTimeout().toNanos();
    long nextProgress = startedAt + PROGRESS_INTERVAL.toNanos();
    while (true) {
      if (PortCheck.accepts(config.host(), config.nativePort())) return;
      if (!process.isAlive()) {
        throw new EmbeddedCassandraException(Problem.EXITED_DURING_STARTUP,
            "The embedded Cassandra exited during startup (exit code " + process.exitValue() + ")."
                + LogTail.describe(layout.log(), LogTail.LINES)
                + LogTail.describe(layout.consoleLog(), CONSOLE_TAIL_LINES)
                + "Full logs: " + layout.logs());
      }
      long now = System.nanoTime();
      if (now - deadline >= 0) {
        throw new EmbeddedCassandraException(Problem.STARTUP_TIMEOUT,
            "The embedded Cassandra did not accept CQL connections on " + config.host() + ":"
                + config.nativePort() + " within " + describe(config.startTimeout()) + "; stopped it."
                + " A busy machine may need a longer start timeout."
                + LogTail.describe(layout.log(), LogTail.LINES) + "Full logs: " + layout.logs());
      }
      if (now - nextProgress >= 0) {
        progress.accept(starting + " " + seconds(startedAt) + "s");
        nextProgress += PROGRESS_INTERVAL.toNanos();
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new EmbeddedCassandraException(Problem.STARTUP_TIMEOUT,
            "Interrupted while waiting for the embedded Cassandra to start.", e);
      }
    }
  }

  private static void writeConfiguration(EmbeddedCassandraConfig config, NodeLayout layout) {
    write(layout.yaml(), CassandraYaml.render(config, layout));
    write(layout.jvmOptions(), JvmOptions.render());
    write(layout.logbackXml(), LogbackXml.render(layout.log()));
  }

  private static void write(Path file, String content) {
    try {
      Files.writeString(file, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new EmbeddedCassandraException(Problem.DATA_DIR, "Cannot write " + file + ": " + e, e);
    }
  }

  private static String describe(Duration duration) {
    return duration.toMillis() < 1_000 ? duration.toMillis() + " ms" : duration.toSeconds() + " s";
  }

  private static long seconds(long startedAt) {
    return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startedAt);
  }

  /** A path as a user would type it: relative to the working directory when it lies inside it. */
  static String display(Path path) {
    Path cwd = Path.of("").toAbsolutePath();
    return path.startsWith(cwd) ? "./" + cwd.relativize(path) : path.toString();
  }

  @Override
  public String toString() {
    return "EmbeddedCassandra[pid " + process.pid() + ", CQL " + config.host() + ":" + config.nativePort()
        + ", data " + layout.root() + "]";
  }
}
