package dev.tracebridge.core.ingest;

import static java.util.Objects.requireNonNull;

/**
 * What an ingest call made durable. {@code rejected} items were invalid and will never be stored
 * (OTLP's partial success); {@code message} says why, empty when nothing was rejected.
 */
public record IngestReceipt(int accepted, int rejected, String message) {

  public IngestReceipt {
    requireNonNull(message, "message");
    if (accepted < 0 || rejected < 0) {
      throw new IllegalArgumentException("counts: " + accepted + "/" + rejected + " (expected: >= 0)");
    }
  }

  public static IngestReceipt accepted(int count) {
    return new IngestReceipt(count, 0, "");
  }

  public IngestReceipt plusRejected(int count, String why) {
    if (count == 0) return this;
    String joined = message.isEmpty() ? why : message + "; " + why;
    return new IngestReceipt(accepted, rejected + count, joined);
  }
}
