package dev.tracebridge.store.cassandra.embedded;

import dev.tracebridge.store.cassandra.embedded.EmbeddedCassandraException.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Java that will run the node, and whether Cassandra 5.0 runs on it. Cassandra 5.0 supports Java 11
 * and 17; from Java 24 on the security manager it installs is gone and it fails at startup
 * (REFERENCE.md §4). Versions in between start with the security manager explicitly allowed.
 */
record JavaRuntime(String executable, int feature) {
  static final int MIN_FEATURE = 11;
  /** The first Java without a security manager to install. */
  static final int FIRST_UNSUPPORTED_FEATURE = 24;
  /** From Java 18 on, System.setSecurityManager throws unless allowed on the command line. */
  static final int FIRST_NEEDING_SECURITY_MANAGER_FLAG = 18;
  /** Starting a JVM to print its settings takes well under a second; a hung one must not hang us. */
  private static final long PROBE_TIMEOUT_SECONDS = 30;
  private static final Pattern SPEC_VERSION =
      Pattern.compile("java\\.specification\\.version = (?:1\\.)?(\\d+)");

  /** Finds the feature version of {@code executable}, failing with a user-facing message. */
  static JavaRuntime probe(String executable) {
    if (executable.equals(EmbeddedCassandraConfig.currentJava())) {
      return new JavaRuntime(executable, Runtime.version().feature());
    }
    Path path = Path.of(executable);
    if (path.isAbsolute() && !Files.isExecutable(path)) {
      throw new EmbeddedCassandraException(Problem.WRONG_JAVA,
          "Cannot run the embedded Cassandra with " + executable + ": no such executable file.");
    }
    ProcessBuilder builder = new ProcessBuilder(executable, "-XshowSettings:properties", "-version")
        .redirectErrorStream(true);
    NodeProcess.clearJavaOptions(builder.environment());
    String output;
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      try (InputStream in = process.getInputStream()) {
        output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (!process.waitFor(PROBE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new EmbeddedCassandraException(Problem.WRONG_JAVA,
            executable + " did not answer 'java -version' within " + PROBE_TIMEOUT_SECONDS + " s.");
      }
    } catch (IOException e) {
      throw new EmbeddedCassandraException(Problem.WRONG_JAVA,
          "Cannot run the embedded Cassandra with " + executable + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EmbeddedCassandraException(Problem.WRONG_JAVA, "Interrupted while checking " + executable, e);
    }
    Matcher m = SPEC_VERSION.matcher(output);
    if (!m.find()) {
      throw new EmbeddedCassandraException(Problem.WRONG_JAVA,
          "Cannot tell which Java " + executable + " is; it printed: " + output.strip());
    }
    return new JavaRuntime(executable, Integer.parseInt(m.group(1)));
  }

  /** Fails unless Cassandra 5.0 can run on this Java. */
  JavaRuntime requireSupported() {
    if (feature < MIN_FEATURE || feature >= FIRST_UNSUPPORTED_FEATURE) {
      throw new EmbeddedCassandraException(Problem.WRONG_JAVA,
          "Cassandra 5.0 needs Java 11 or 17; " + executable + " is Java " + feature
              + ". Point the embedded node at a Java 17 (EmbeddedCassandraConfig.javaExecutable).");
    }
    return this;
  }

  boolean needsSecurityManagerFlag() {
    return feature >= FIRST_NEEDING_SECURITY_MANAGER_FLAG;
  }
}
