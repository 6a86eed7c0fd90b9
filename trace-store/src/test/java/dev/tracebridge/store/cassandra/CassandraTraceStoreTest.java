package dev.tracebridge.store.cassandra;

import dev.tracebridge.core.storage.StorageContract;
import dev.tracebridge.core.storage.TraceStore;

/** The shared storage test suite, against a real Cassandra node. */
class CassandraTraceStoreTest extends StorageContract {

  @Override
  protected TraceStore store() {
    return SharedNode.store();
  }
}
