package dev.tracebridge.otlp;

/**
 * One span (or one link) cannot be taken as sent: a bad id. The decoder rejects that span alone and goes
 * on, which is OTLP's partial success. No stack trace: it is an answer to bad input, not a bug.
 */
final class InvalidSpanException extends Exception {

  InvalidSpanException(String reason) {
    super(reason, null, false, false);
  }
}
