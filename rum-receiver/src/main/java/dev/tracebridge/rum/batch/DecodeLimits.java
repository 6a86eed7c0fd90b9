package dev.tracebridge.rum.batch;

/**
 * The bounds a decoder enforces while it reads, so that an oversized batch costs little before it is
 * refused (DESIGN.md invariant 4).
 */
public record DecodeLimits(int maxEvents, int maxDecompressedBytes) {

  public DecodeLimits {
    if (maxEvents <= 0) {
      throw new IllegalArgumentException("maxEvents: " + maxEvents + " (expected: > 0)");
    }
    if (maxDecompressedBytes <= 0) {
      throw new IllegalArgumentException(
          "maxDecompressedBytes: " + maxDecompressedBytes + " (expected: > 0)");
    }
  }
}
