package dev.tracebridge.otlp;

/** A request body refused before decoding (too large once inflated, unknown encoding, broken gzip). */
final class BodyRejectedException extends Exception {
  private final int httpStatus;

  BodyRejectedException(int httpStatus, String message) {
    super(message, null, false, false);
    this.httpStatus = httpStatus;
  }

  int httpStatus() {
    return httpStatus;
  }
}
