package dev.tracebridge.otlp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Undoes {@code Content-Encoding} (gzip, as OTLP requires servers to support, or identity), never
 * inflating past the decompressed limit: a gzip bomb stops at the limit with 413 instead of filling the
 * heap.
 */
final class ContentDecoding {
  static final int CONTENT_TOO_LARGE = 413;
  static final int UNSUPPORTED_MEDIA_TYPE = 415;
  static final int BAD_REQUEST = 400;
  /** Inflate in steps this big: large enough to be fast, small enough to stop close to the limit. */
  private static final int CHUNK_BYTES = 64 * 1024;
  /** OTLP protobuf typically compresses 5-10x; presizing for that avoids most buffer regrowth. */
  private static final int EXPECTED_RATIO = 8;

  private ContentDecoding() {}

  static byte[] decode(@Nullable String contentEncoding, byte[] body, int maxDecompressedBytes)
      throws BodyRejectedException {
    String coding = contentEncoding == null ? "" : contentEncoding.strip().toLowerCase(Locale.ROOT);
    switch (coding) {
      case "", "identity", "none" -> {
        if (body.length > maxDecompressedBytes) throw tooLarge(maxDecompressedBytes);
        return body;
      }
      case "gzip", "x-gzip" -> {
        return gunzip(body, maxDecompressedBytes);
      }
      default -> throw new BodyRejectedException(UNSUPPORTED_MEDIA_TYPE, "Content-Encoding '"
          + OtlpIds.abbreviate(coding) + "' is not supported (expected: gzip or identity)");
    }
  }

  private static byte[] gunzip(byte[] body, int maxDecompressedBytes) throws BodyRejectedException {
    int presize = (int) Math.min((long) body.length * EXPECTED_RATIO, maxDecompressedBytes);
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(presize, 32));
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body), CHUNK_BYTES)) {
      byte[] chunk = new byte[CHUNK_BYTES];
      long total = 0;
      for (int read = in.read(chunk); read >= 0; read = in.read(chunk)) {
        total += read;
        if (total > maxDecompressedBytes) throw tooLarge(maxDecompressedBytes);
        out.write(chunk, 0, read);
      }
    } catch (EOFException e) {
      throw new BodyRejectedException(BAD_REQUEST,
          "Content-Encoding gzip, but the gzip data ends early (truncated body)");
    } catch (IOException e) {
      throw new BodyRejectedException(BAD_REQUEST,
          "Content-Encoding gzip, but the body is not valid gzip: " + e.getMessage());
    }
    return out.toByteArray();
  }

  private static BodyRejectedException tooLarge(int maxDecompressedBytes) {
    return new BodyRejectedException(CONTENT_TOO_LARGE, "request body larger than "
        + maxDecompressedBytes + " bytes once decompressed (the receiver's maxDecompressedBytes)");
  }
}
