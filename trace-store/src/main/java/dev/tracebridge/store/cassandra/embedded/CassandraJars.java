package dev.tracebridge.store.cassandra.embedded;

import dev.tracebridge.store.cassandra.embedded.EmbeddedCassandraException.Problem;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The folder of jars the node runs from, collected at build time by the cassandra-node module and kept
 * off the engine's classpath (REFERENCE.md §4: Cassandra cannot share a JVM with the engine).
 */
record CassandraJars(Path dir, String version) {
  /** What a user runs, from the repository root, to collect the jars. */
  static final String BUILD_COMMAND = "mvn -B -q -pl cassandra-node package";
  static final String CLEAN_BUILD_COMMAND = "mvn -B -q -pl cassandra-node clean package";
  static final String MAIN_CLASS = "org.apache.cassandra.service.CassandraDaemon";
  private static final Pattern CASSANDRA_ALL = Pattern.compile("cassandra-all-(.+)\\.jar");

  /**
   * Checks the folder holds exactly one cassandra-all jar and reads the version from its name. Two
   * mean jars of an older build are still there, and 'lib/*' would mix their classes.
   */
  static CassandraJars in(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw missing(dir + " does not exist");
    }
    Set<String> versions = new TreeSet<>();
    try (DirectoryStream<Path> jars = Files.newDirectoryStream(dir, "cassandra-all-*.jar")) {
      for (Path jar : jars) {
        Matcher m = CASSANDRA_ALL.matcher(jar.getFileName().toString());
        if (m.matches()) versions.add(m.group(1));
      }
    } catch (IOException e) {
      throw missing(dir + " cannot be read (" + e.getMessage() + ")");
    }
    if (versions.isEmpty()) throw missing(dir + " holds no cassandra-all jar");
    if (versions.size() > 1) {
      throw new EmbeddedCassandraException(Problem.LIB_MISSING, "The embedded Cassandra's jar folder " + dir
          + " holds jars of several Cassandra versions " + versions + " from older builds. Rebuild it: "
          + CLEAN_BUILD_COMMAND + " in the repository root.");
    }
    return new CassandraJars(dir, versions.iterator().next());
  }

  /** The class path in the JVM's own wildcard form, so a hundred jars do not make a huge command line. */
  String classPath() {
    return dir.resolve("*").toString();
  }

  private static EmbeddedCassandraException missing(String what) {
    return new EmbeddedCassandraException(Problem.LIB_MISSING,
        "The embedded Cassandra's jars are missing: " + what + ". Run the build first: "
            + BUILD_COMMAND + " (or mvn -B package) in the repository root.");
  }
}
