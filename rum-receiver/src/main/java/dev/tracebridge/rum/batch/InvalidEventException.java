package dev.tracebridge.rum.batch;

import static java.util.Objects.requireNonNull;

/**
 * One event of a batch is invalid; the decoder records it as rejected and keeps going, so a mixed batch
 * keeps its valid events. The message names the field, e.g. {@code "date: missing"}.
 */
public final class InvalidEventException extends RuntimeException {

  public InvalidEventException(String reason) {
    super(requireNonNull(reason, "reason"), null, false, false);
  }
}
