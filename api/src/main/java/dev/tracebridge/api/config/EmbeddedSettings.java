package dev.tracebridge.api.config;

import dev.tracebridge.store.cassandra.embedded.EmbeddedCassandraConfig;
import java.nio.file.Path;

/** Turns the engine's properties into the embedded node's configuration. */
final class EmbeddedSettings {
  /** Set by the launcher script and by the build for tests: where the node's jars were collected. */
  static final String LIB_PROPERTY = "tracebridge.cassandra.lib";
  /** The embedded node is only ever reached by this engine, so it never listens beyond loopback. */
  static final String EMBEDDED_HOST = "127.0.0.1";

  private EmbeddedSettings() {}

  static EmbeddedCassandraConfig from(TracebridgeProperties props) {
    TracebridgeProperties.Embedded e = props.embedded();
    String lib = !e.libDir().isBlank() ? e.libDir() : System.getProperty(LIB_PROPERTY, "");
    String java = !e.java().isBlank() ? e.java()
        : Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new EmbeddedCassandraConfig(props.dataDir().toAbsolutePath(), Path.of(lib).toAbsolutePath(),
        EMBEDDED_HOST, e.cqlPort(), e.storagePort(), java, e.heap(), e.startTimeout());
  }
}
