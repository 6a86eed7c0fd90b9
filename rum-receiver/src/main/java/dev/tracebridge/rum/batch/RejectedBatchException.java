package dev.tracebridge.rum.batch;

import static java.util.Objects.requireNonNull;

/**
 * The whole batch is unusable (not JSON, truncated zlib, too many events, too big once inflated). The
 * intake answers it with {@link #status()} and a problem body carrying {@link #getMessage()}; no event of
 * the batch is kept.
 */
public final class RejectedBatchException extends RuntimeException {
  /** HTTP status for a body that cannot be read. */
  public static final int MALFORMED = 400;
  /** HTTP status for a batch beyond the configured bounds. */
  public static final int TOO_LARGE = 413;

  private final int status;

  private RejectedBatchException(int status, String detail) {
    super(requireNonNull(detail, "detail"), null, false, false);
    this.status = status;
  }

  public static RejectedBatchException malformed(String detail) {
    return new RejectedBatchException(MALFORMED, detail);
  }

  public static RejectedBatchException tooLarge(String detail) {
    return new RejectedBatchException(TOO_LARGE, detail);
  }

  public int status() {
    return status;
  }
}
