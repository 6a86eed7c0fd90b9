package dev.tracebridge.api.config;

import dev.tracebridge.core.health.InMemoryVerdictStore;
import dev.tracebridge.core.health.VerdictStore;
import dev.tracebridge.core.storage.InMemoryTraceStore;
import dev.tracebridge.core.storage.TraceStore;
import dev.tracebridge.store.cassandra.CassandraStoreConfig;
import dev.tracebridge.store.cassandra.CassandraTraceStore;
import dev.tracebridge.store.cassandra.CassandraVerdictStore;
import dev.tracebridge.store.cassandra.embedded.EmbeddedCassandra;
import dev.tracebridge.store.cassandra.embedded.NodeWatchdog;
import java.net.InetSocketAddress;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the store: Cassandra (the embedded node unless contact points are given) or, when asked for
 * explicitly, the in-memory store. Beans close in reverse order, so the store's session closes before
 * the embedded node is stopped.
 */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {
  private static final Logger log = LoggerFactory.getLogger(StorageConfiguration.class);
  static final String MEMORY = "memory";
  static final String CASSANDRA = "cassandra";

  @Bean(destroyMethod = "close")
  EmbeddedCassandraNode embeddedCassandra(TracebridgeProperties props) {
    if (!CASSANDRA.equals(props.storage()) || !props.cassandra().contactPoints().isEmpty()) {
      return new EmbeddedCassandraNode(null);
    }
    EmbeddedCassandra node = EmbeddedCassandra.start(EmbeddedSettings.from(props), line -> log.info(line));
    // A node that dies on its own is restarted (bounded, with backoff); ingest answers 503 meanwhile.
    return new EmbeddedCassandraNode(NodeWatchdog.watch(node, props.embedded().maxRestarts(), line -> log.warn(line)));
  }

  @Bean(destroyMethod = "close")
  TraceStore traceStore(TracebridgeProperties props, EmbeddedCassandraNode embedded) {
    if (MEMORY.equals(props.storage())) {
      log.warn("tracebridge.storage=memory: traces live in this process only and are lost on restart");
      return new InMemoryTraceStore();
    }
    if (!CASSANDRA.equals(props.storage())) {
      throw new IllegalArgumentException("tracebridge.storage: '" + props.storage()
          + "' (expected: cassandra or memory)");
    }
    TracebridgeProperties.Cassandra c = props.cassandra();
    List<InetSocketAddress> contactPoints = embedded.node() != null
        ? List.of(embedded.node().contactPoint())
        : c.contactPoints().stream().map(StorageConfiguration::address).toList();
    String datacenter = embedded.node() != null ? embedded.node().localDatacenter() : c.localDatacenter();
    log.info("Connecting to Cassandra at {} (keyspace {}, write consistency {})", contactPoints,
        c.keyspace(), c.writeConsistency());
    return CassandraTraceStore.connect(new CassandraStoreConfig(contactPoints, datacenter, c.keyspace(),
        c.replication(), c.applySchema(), c.writeConsistency(), c.maxInFlightWrites(), c.retention(),
        c.requestTimeout()));
  }

  /** Propagation verdicts and pending checks live beside the traces (core.health's SPI). */
  @Bean(destroyMethod = "close")
  VerdictStore verdictStore(TraceStore store) {
    if (store instanceof CassandraTraceStore cassandra) return CassandraVerdictStore.of(cassandra);
    return new InMemoryVerdictStore();
  }

  @Bean
  StorageHealth storageHealth(TraceStore store) {
    if (store instanceof CassandraTraceStore cassandra) {
      return new ProbingStorageHealth(store, cassandra::isHealthy, System::nanoTime);
    }
    return () -> true;
  }

  /** Parses {@code host:port} or {@code host} (port 9042, Cassandra's default). */
  static InetSocketAddress address(String hostPort) {
    String text = hostPort.strip();
    int colon = text.lastIndexOf(':');
    if (colon < 0 || text.endsWith("]")) return InetSocketAddress.createUnresolved(text, 9042);
    try {
      int port = Integer.parseInt(text.substring(colon + 1));
      return new InetSocketAddress(text.substring(0, colon).replace("[", "").replace("]", ""), port);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("tracebridge.cassandra.contact-points: '" + hostPort
          + "' (expected: host:port, e.g. 10.0.0.5:9042)");
    }
  }

  /**
   * Holds the watchdog of the embedded node, or nothing when the engine uses a cluster (a bean cannot be
   * null). Closing it stops watching, then stops whichever node is running.
   */
  record EmbeddedCassandraNode(@Nullable NodeWatchdog watchdog) implements AutoCloseable {
    /** The node running now: a restart replaces it, on the same host and port. */
    @Nullable EmbeddedCassandra node() {
      return watchdog == null ? null : watchdog.node();
    }

    @Override
    public void close() {
      if (watchdog != null) watchdog.close();
    }
  }
}
