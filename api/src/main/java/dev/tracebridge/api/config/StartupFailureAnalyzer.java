package dev.tracebridge.api.config;

import dev.tracebridge.store.cassandra.CassandraStoreException;
import dev.tracebridge.store.cassandra.embedded.EmbeddedCassandraException;
import java.io.UncheckedIOException;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * Turns the start-up failures a user can fix (the embedded node cannot start, the cluster cannot be
 * reached, a port is taken) into Spring Boot's short "APPLICATION FAILED TO START" report: what went
 * wrong and which option to change, with no stack trace. Public because Spring instantiates it.
 */
public final class StartupFailureAnalyzer implements FailureAnalyzer {

  @Override
  public @Nullable FailureAnalysis analyze(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof EmbeddedCassandraException e) {
        return new FailureAnalysis("The embedded Cassandra could not start: " + e.getMessage(),
            advice(e.problem()), e);
      }
      if (t instanceof CassandraStoreException e) {
        return new FailureAnalysis("Cassandra could not be used: " + e.getMessage(),
            "Check --cassandra=host:port (tracebridge.cassandra.contact-points), "
                + "tracebridge.cassandra.local-datacenter and that the nodes are up.", e);
      }
      if (t instanceof UncheckedIOException e && e.getMessage() != null
          && e.getMessage().startsWith("OTLP/gRPC could not bind")) {
        return new FailureAnalysis(e.getMessage(), "Stop the other process or choose another port "
            + "with --tracebridge.grpc.port=PORT.", e);
      }
    }
    return null;
  }

  private static String advice(EmbeddedCassandraException.Problem problem) {
    return switch (problem) {
      case LIB_MISSING -> "Build first: run ./tracebridge (it builds when needed) or "
          + "mvn -B -DskipTests package -pl api -am.";
      case WRONG_JAVA -> "Run with Java 17 (set JAVA_HOME), or point --tracebridge.embedded.java at a "
          + "Java 11 or 17 executable.";
      case PORT_IN_USE -> "Stop the other process, or choose other ports with "
          + "--tracebridge.embedded.cql-port=PORT and --tracebridge.embedded.storage-port=PORT.";
      case DATA_DIR -> "Choose a writable directory with --data-dir=DIR.";
      case EXITED_DURING_STARTUP, STARTUP_TIMEOUT -> "Read the node's log under "
          + "<data-dir>/cassandra/logs/; a machine short of memory can lower "
          + "--tracebridge.embedded.heap (default 512m).";
      case STALE_NODE -> "Stop the old Cassandra process named above by hand, then start again.";
    };
  }
}
