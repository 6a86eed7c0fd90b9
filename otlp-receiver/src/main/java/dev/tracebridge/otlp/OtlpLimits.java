package dev.tracebridge.otlp;

/**
 * Size bounds of the OTLP receiver, so one request can never take more memory than these allow.
 *
 * @param maxRequestBytes largest request body as it arrives (compressed if the client compressed it)
 * @param maxDecompressedBytes largest body after gzip is undone, and largest gRPC message; guards
 *     against gzip bombs, whose few kilobytes inflate to gigabytes
 * @param maxAttributeValueBytes largest value of one attribute (its strings and bytes in UTF-8, summed
 *     over nested arrays and maps). A larger attribute is dropped, counted in its owner's dropped
 *     attributes count and named in the response's partial-success message, so the loss is visible to
 *     the client and the engineer, never silent
 */
public record OtlpLimits(int maxRequestBytes, int maxDecompressedBytes, int maxAttributeValueBytes) {

  /** The OTLP spec's recommended client limit is 20 MiB; 16 MiB compressed fits what SDKs batch by default. */
  public static final int DEFAULT_MAX_REQUEST_BYTES = 16 * 1024 * 1024;
  /** OTLP compresses 4-10x; 64 MiB admits any honest 16 MiB request and still bounds a bomb. */
  public static final int DEFAULT_MAX_DECOMPRESSED_BYTES = 64 * 1024 * 1024;
  /**
   * Deep Java stack traces ({@code exception.stacktrace}) reach ~100 KiB; 256 KiB keeps them whole while
   * a span with dozens of such values stays far below Cassandra's 16 MiB mutation limit.
   */
  public static final int DEFAULT_MAX_ATTRIBUTE_VALUE_BYTES = 256 * 1024;

  private static final OtlpLimits DEFAULTS = new OtlpLimits(
      DEFAULT_MAX_REQUEST_BYTES, DEFAULT_MAX_DECOMPRESSED_BYTES, DEFAULT_MAX_ATTRIBUTE_VALUE_BYTES);

  public OtlpLimits {
    requirePositive("maxRequestBytes", maxRequestBytes);
    requirePositive("maxDecompressedBytes", maxDecompressedBytes);
    requirePositive("maxAttributeValueBytes", maxAttributeValueBytes);
  }

  public static OtlpLimits defaults() {
    return DEFAULTS;
  }

  private static void requirePositive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
    }
  }
}
