package dev.tracebridge.store.cassandra;

import dev.tracebridge.store.cassandra.embedded.EmbeddedCassandra;
import dev.tracebridge.store.cassandra.embedded.TestNodes;
import java.util.List;

/**
 * One embedded node and one store for all store tests of a test JVM: starting Cassandra costs seconds,
 * so it happens once, on first use. The node's own shutdown hook stops it when the JVM exits. Tests
 * isolate themselves with random ids and never truncate.
 */
final class SharedNode {
  private static EmbeddedCassandra node;
  private static CassandraTraceStore store;

  private SharedNode() {}

  static synchronized EmbeddedCassandra node() {
    if (node == null) {
      node = EmbeddedCassandra.start(TestNodes.config(TestNodes.freshDataDir("shared")), TestNodes::progress);
    }
    return node;
  }

  static synchronized CassandraTraceStore store() {
    if (store == null) store = CassandraTraceStore.connect(config().build());
    return store;
  }

  /** A store config pointing at the shared node, to vary in tests. */
  static CassandraStoreConfig.Builder config() {
    EmbeddedCassandra n = node();
    return CassandraStoreConfig.builder().contactPoints(List.of(n.contactPoint()))
        .localDatacenter(n.localDatacenter());
  }
}
