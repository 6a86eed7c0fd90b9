package dev.tracebridge.core.health;

/** The verdict store test suite, against the in-memory store. */
class InMemoryVerdictStoreTest extends VerdictStoreContract {
  private final InMemoryVerdictStore store = new InMemoryVerdictStore();

  @Override
  protected VerdictStore store() {
    return store;
  }

  @Override
  protected VerdictStore freshStore() {
    return new InMemoryVerdictStore();
  }
}
