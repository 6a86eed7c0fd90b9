package dev.tracebridge.store.cassandra.embedded;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * How to run the embedded node. Everything it writes goes under {@code dataDir/cassandra/}.
 *
 * @param dataDir the engine's data directory; the node keeps its files in {@code cassandra/} inside it
 * @param libDir the folder holding cassandra-all and its jars (the cassandra-node module's target/lib)
 * @param host the loopback address the node listens on for CQL and storage
 * @param nativePort the CQL port
 * @param storagePort the inter-node port; a single node still binds it
 * @param javaExecutable the java that runs the node; Cassandra 5.0 needs Java 11 or 17
 * @param heap the node's maximum heap in the JVM's own syntax ({@code 512m}, {@code 1g})
 * @param startTimeout how long to wait for the CQL port before giving up
 * @param cluster how the node joins others; {@link Cluster#SINGLE_NODE} for the one-machine mode
 */
public record EmbeddedCassandraConfig(
    Path dataDir,
    Path libDir,
    String host,
    int nativePort,
    int storagePort,
    String javaExecutable,
    String heap,
    Duration startTimeout,
    Cluster cluster) {

  /** The system property the build sets (surefire, failsafe, the launcher script) to the lib folder. */
  public static final String LIB_DIR_PROPERTY = "tracebridge.cassandra.lib";
  public static final String DEFAULT_HOST = "127.0.0.1";
  /**
   * Not Cassandra's 9042: a developer often runs a Cassandra of their own there, and the embedded node
   * must neither clash with it nor be mistaken for it. 9142 is the "9042 + 100" convention other
   * embedded Cassandra runners use too.
   */
  public static final int DEFAULT_NATIVE_PORT = 9142;
  /** Not Cassandra's 7000, for the same reason as {@link #DEFAULT_NATIVE_PORT}. */
  public static final int DEFAULT_STORAGE_PORT = 7100;
  /** Enough for a single developer's traffic; REFERENCE.md §4 measured 0.5-1 GiB RSS with it. */
  public static final String DEFAULT_HEAP = "512m";
  /**
   * The CQL port opens in 3-6 s on an idle 2-core machine; a machine busy with a build can take many
   * times that, and a false timeout is worse than a slow start.
   */
  public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(120);

  private static final Pattern HEAP = Pattern.compile("[1-9][0-9]*[kKmMgG]?");
  private static final int MAX_PORT = 65_535;

  public EmbeddedCassandraConfig {
    requireNonNull(dataDir, "dataDir");
    requireNonNull(libDir, "libDir");
    requireNonNull(host, "host");
    requireNonNull(javaExecutable, "javaExecutable");
    requireNonNull(heap, "heap");
    requireNonNull(startTimeout, "startTimeout");
    requireNonNull(cluster, "cluster");
    checkPort("nativePort", nativePort);
    checkPort("storagePort", storagePort);
    if (nativePort == storagePort) {
      throw new IllegalArgumentException(
          "storagePort: " + storagePort + " (expected: a port other than nativePort)");
    }
    if (!HEAP.matcher(heap).matches()) {
      throw new IllegalArgumentException("heap: '" + heap + "' (expected: a JVM size such as 512m or 1g)");
    }
    if (startTimeout.isNegative() || startTimeout.isZero()) {
      throw new IllegalArgumentException("startTimeout: " + startTimeout + " (expected: > 0)");
    }
    dataDir = dataDir.toAbsolutePath().normalize();
    libDir = libDir.toAbsolutePath().normalize();
  }

  /** A single node (the one-machine mode), as the api module builds it. */
  public EmbeddedCassandraConfig(Path dataDir, Path libDir, String host, int nativePort, int storagePort,
      String javaExecutable, String heap, Duration startTimeout) {
    this(dataDir, libDir, host, nativePort, storagePort, javaExecutable, heap, startTimeout,
        Cluster.SINGLE_NODE);
  }

  /** Defaults for everything but the two folders. */
  public static EmbeddedCassandraConfig of(Path dataDir, Path libDir) {
    return builder().dataDir(dataDir).libDir(libDir).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The java of the JVM this code runs in. */
  public static String currentJava() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  public Builder toBuilder() {
    return new Builder().dataDir(dataDir).libDir(libDir).host(host).nativePort(nativePort)
        .storagePort(storagePort).javaExecutable(javaExecutable).heap(heap).startTimeout(startTimeout)
        .cluster(cluster);
  }

  /** The seed list the node's yaml gets: its own storage address when it is a cluster of one. */
  String seeds() {
    return cluster.seeds().isEmpty() ? host + ":" + storagePort : cluster.seeds();
  }

  /**
   * How a node takes part in a cluster of several embedded nodes (the cluster-mode test runs three on
   * 127.0.0.1-3). A single node is its own seed, owns token 0 and has nothing to bootstrap from.
   *
   * @param seeds {@code host:port[,host:port]} of the nodes a starting node asks about the ring; empty
   *     means the node itself
   * @param initialToken the node's one token; every node of a cluster needs a different one
   * @param autoBootstrap whether a joining node streams existing data from the others; nodes of a new,
   *     empty cluster skip it and join at once
   */
  public record Cluster(String seeds, long initialToken, boolean autoBootstrap) {
    public static final Cluster SINGLE_NODE = new Cluster("", 0, false);

    public Cluster {
      requireNonNull(seeds, "seeds");
    }
  }

  private static void checkPort(String name, int port) {
    if (port < 1 || port > MAX_PORT) {
      throw new IllegalArgumentException(name + ": " + port + " (expected: 1 to " + MAX_PORT + ")");
    }
  }

  /** Fills in the defaults; the lib folder defaults to the {@value #LIB_DIR_PROPERTY} property. */
  public static final class Builder {
    private @Nullable Path dataDir;
    private @Nullable Path libDir;
    private String host = DEFAULT_HOST;
    private int nativePort = DEFAULT_NATIVE_PORT;
    private int storagePort = DEFAULT_STORAGE_PORT;
    private String javaExecutable = currentJava();
    private String heap = DEFAULT_HEAP;
    private Duration startTimeout = DEFAULT_START_TIMEOUT;
    private Cluster cluster = Cluster.SINGLE_NODE;

    private Builder() {}

    public Builder dataDir(Path dataDir) { this.dataDir = requireNonNull(dataDir, "dataDir"); return this; }
    public Builder libDir(Path libDir) { this.libDir = requireNonNull(libDir, "libDir"); return this; }
    public Builder host(String host) { this.host = requireNonNull(host, "host"); return this; }
    public Builder nativePort(int port) { this.nativePort = port; return this; }
    public Builder storagePort(int port) { this.storagePort = port; return this; }
    public Builder javaExecutable(String java) { this.javaExecutable = requireNonNull(java, "java"); return this; }
    public Builder heap(String heap) { this.heap = requireNonNull(heap, "heap"); return this; }
    public Builder startTimeout(Duration timeout) { this.startTimeout = requireNonNull(timeout, "timeout"); return this; }
    public Builder cluster(Cluster cluster) { this.cluster = requireNonNull(cluster, "cluster"); return this; }

    /**
     * Builds the config.
     *
     * @throws EmbeddedCassandraException when no lib folder was given and the {@value #LIB_DIR_PROPERTY}
     *     property is not set either
     */
    public EmbeddedCassandraConfig build() {
      if (dataDir == null) throw new IllegalStateException("dataDir: missing");
      Path lib = libDir;
      if (lib == null) {
        String fromProperty = System.getProperty(LIB_DIR_PROPERTY);
        if (fromProperty == null || fromProperty.isBlank()) {
          throw new EmbeddedCassandraException(EmbeddedCassandraException.Problem.LIB_MISSING,
              "The embedded Cassandra's jar folder is not configured: set -D" + LIB_DIR_PROPERTY
                  + "=<repo>/cassandra-node/target/lib, after building it with "
                  + CassandraJars.BUILD_COMMAND);
        }
        lib = Path.of(fromProperty);
      }
      return new EmbeddedCassandraConfig(dataDir, lib, host, nativePort, storagePort, javaExecutable,
          heap, startTimeout, cluster);
    }
  }
}
