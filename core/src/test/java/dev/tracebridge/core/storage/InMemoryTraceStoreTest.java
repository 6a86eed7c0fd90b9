package dev.tracebridge.core.storage;

class InMemoryTraceStoreTest extends StorageContract {
  private final TraceStore store = new InMemoryTraceStore();

  @Override
  protected TraceStore store() {
    return store;
  }
}
