package dev.tracebridge.store.cassandra.embedded;

import static java.util.Objects.requireNonNull;

/**
 * The embedded node could not start (or stop). The message is meant for the person at the terminal: it
 * says what went wrong and what to change. {@link #problem()} lets a caller that knows its own option
 * names (the api module's command line) phrase the advice in them.
 */
public final class EmbeddedCassandraException extends RuntimeException {
  private final Problem problem;

  public EmbeddedCassandraException(Problem problem, String message) {
    super(message);
    this.problem = requireNonNull(problem, "problem");
  }

  public EmbeddedCassandraException(Problem problem, String message, Throwable cause) {
    super(message, cause);
    this.problem = requireNonNull(problem, "problem");
  }

  public Problem problem() {
    return problem;
  }

  /** What kind of failure it was. */
  public enum Problem {
    /** The lib directory with cassandra-all and its jars is missing or empty: the build has not run. */
    LIB_MISSING,
    /** The java executable is not a Java that Cassandra 5.0 runs on, or cannot be run at all. */
    WRONG_JAVA,
    /** The CQL or the storage port is taken by another process. */
    PORT_IN_USE,
    /** The data directory cannot be created or written. */
    DATA_DIR,
    /** The node's JVM exited before it accepted CQL connections. */
    EXITED_DURING_STARTUP,
    /** The node did not accept CQL connections within the start timeout. */
    STARTUP_TIMEOUT,
    /** A node left by an earlier run could not be stopped. */
    STALE_NODE
  }
}
