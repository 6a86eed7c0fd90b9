package dev.tracebridge.otlp;

import static java.util.Objects.requireNonNull;

/**
 * A request body that cannot be decoded at all (not one bad span, which is rejected on its own). The
 * message says what was wrong and, where known, where: the field path and the byte offset. Receivers
 * answer it with HTTP 400 or gRPC INVALID_ARGUMENT, which tell the client not to retry.
 */
public final class MalformedExportException extends Exception {
  /** Offset value when the decoder could not tell where the problem is. */
  public static final long UNKNOWN_OFFSET = -1;

  private final String field;
  private final long offset;

  public MalformedExportException(String message, String field, long offset) {
    super(requireNonNull(message, "message"), null, false, false);
    this.field = requireNonNull(field, "field");
    this.offset = offset;
  }

  /** The path of the field that could not be read ({@code /resourceSpans/0/...}), empty when unknown. */
  public String field() {
    return field;
  }

  /** The byte offset in the (decompressed) body near which decoding failed, or {@link #UNKNOWN_OFFSET}. */
  public long offset() {
    return offset;
  }
}
