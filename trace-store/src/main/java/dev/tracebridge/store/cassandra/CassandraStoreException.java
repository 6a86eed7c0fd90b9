package dev.tracebridge.store.cassandra;

/**
 * The store cannot start: Cassandra is unreachable, or its keyspace lacks the tables this version
 * needs. The message says what to do; the engine shows it and exits.
 */
public final class CassandraStoreException extends RuntimeException {

  public CassandraStoreException(String message) {
    super(message);
  }

  public CassandraStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
