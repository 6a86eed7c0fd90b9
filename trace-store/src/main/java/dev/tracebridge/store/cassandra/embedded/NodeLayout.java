package dev.tracebridge.store.cassandra.embedded;

import dev.tracebridge.store.cassandra.embedded.EmbeddedCassandraException.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where the node's files live: everything under {@code <dataDir>/cassandra/}. */
record NodeLayout(Path root) {

  static NodeLayout under(Path dataDir) {
    return new NodeLayout(dataDir.resolve("cassandra"));
  }

  Path conf() { return root.resolve("conf"); }
  Path data() { return root.resolve("data"); }
  Path commitLog() { return root.resolve("commitlog"); }
  Path savedCaches() { return root.resolve("saved_caches"); }
  Path hints() { return root.resolve("hints"); }
  Path cdcRaw() { return root.resolve("cdc_raw"); }
  Path logs() { return root.resolve("logs"); }
  Path yaml() { return conf().resolve("cassandra.yaml"); }
  Path jvmOptions() { return conf().resolve("jvm17-server.options"); }
  Path logbackXml() { return conf().resolve("logback.xml"); }
  /** Cassandra's own log, written by the generated logback configuration. */
  Path log() { return logs().resolve("cassandra.log"); }
  /** The child JVM's stdout and stderr: JVM errors that happen before logging starts end up here. */
  Path consoleLog() { return logs().resolve("console.log"); }
  /** The node's garbage collector pauses (-Xlog:gc, four files of 8 MiB at most). */
  Path gcLog() { return logs().resolve("gc.log"); }
  Path pidFile() { return root.resolve("cassandra.pid"); }

  /** The URL form Cassandra's {@code -Dcassandra.config} takes. */
  String yamlUrl() {
    return yaml().toUri().toString();
  }

  void createDirectories() {
    for (Path dir : List.of(conf(), data(), commitLog(), savedCaches(), hints(), cdcRaw(), logs())) {
      try {
        Files.createDirectories(dir);
      } catch (IOException e) {
        throw new EmbeddedCassandraException(Problem.DATA_DIR,
            "Cannot create the embedded Cassandra's folder " + dir + ": " + e, e);
      }
    }
    if (!Files.isWritable(root)) {
      throw new EmbeddedCassandraException(Problem.DATA_DIR,
          "The embedded Cassandra's folder " + root + " is not writable.");
    }
  }
}
