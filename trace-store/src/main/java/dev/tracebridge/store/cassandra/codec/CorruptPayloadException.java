package dev.tracebridge.store.cassandra.codec;

/** A stored payload that cannot be decoded: written by a newer format, truncated, or damaged. */
public final class CorruptPayloadException extends RuntimeException {

  public CorruptPayloadException(String message) {
    super(message);
  }
}
