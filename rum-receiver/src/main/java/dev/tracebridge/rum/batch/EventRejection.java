package dev.tracebridge.rum.batch;

import static java.util.Objects.requireNonNull;

/** An event that will never be stored: its position in the batch (0-based) and why. */
public record EventRejection(int index, String reason) {

  public EventRejection {
    requireNonNull(reason, "reason");
    if (index < 0) {
      throw new IllegalArgumentException("index: " + index + " (expected: >= 0)");
    }
  }
}
