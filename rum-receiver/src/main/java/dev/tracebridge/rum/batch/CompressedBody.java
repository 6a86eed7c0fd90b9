package dev.tracebridge.rum.batch;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.DataFormatException;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;

/**
 * Request bodies as browsers send them: Datadog RUM posts zlib with no Content-Encoding header (only
 * {@code dd-evp-encoding=deflate} inside {@code ddforward} says so, and the last beacon of a page may come
 * uncompressed), Guance's SDK marks it in the query string. So every intake sniffs the magic bytes
 * instead of trusting headers; JSON, NDJSON and line protocol never start with them.
 */
public final class CompressedBody {
  private static final int ZLIB_METHOD_DEFLATE = 0x78;
  /** RFC 1950: the 16-bit header (CMF * 256 + FLG) is a multiple of 31. */
  private static final int ZLIB_HEADER_CHECK = 31;
  private static final int GZIP_MAGIC_1 = 0x1f;
  private static final int GZIP_MAGIC_2 = 0x8b;
  /** Inflate in pieces so the size bound is checked before memory is spent, not after. */
  private static final int CHUNK = 16 * 1024;
  private static final int TYPICAL_RATIO = 4;

  private CompressedBody() {}

  /** Whether the body starts like a zlib stream ({@code 78 01}, {@code 78 5e}, {@code 78 9c}, {@code 78 da}). */
  public static boolean isZlib(byte[] body) {
    if (body.length < 2 || (body[0] & 0xff) != ZLIB_METHOD_DEFLATE) return false;
    return (((body[0] & 0xff) << 8) | (body[1] & 0xff)) % ZLIB_HEADER_CHECK == 0;
  }

  public static boolean isGzip(byte[] body) {
    return body.length >= 2 && (body[0] & 0xff) == GZIP_MAGIC_1 && (body[1] & 0xff) == GZIP_MAGIC_2;
  }

  /**
   * The body's plain bytes: inflated when it is zlib or gzip, as is otherwise. Throws
   * {@link RejectedBatchException} (413) once the plain bytes would exceed {@code maxBytes} (a small
   * compressed body can inflate to gigabytes), and (400) for a truncated or corrupt stream.
   */
  public static byte[] plainBytes(byte[] body, int maxBytes) {
    if (isZlib(body)) return inflateZlib(body, maxBytes);
    if (isGzip(body)) return gunzip(body, maxBytes);
    if (body.length > maxBytes) {
      throw RejectedBatchException.tooLarge(
          "body: more than " + maxBytes + " bytes (expected: <= " + maxBytes + ")");
    }
    return body;
  }

  private static byte[] inflateZlib(byte[] body, int maxBytes) {
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(body);
      ByteArrayOutputStream out = new ByteArrayOutputStream(initialCapacity(body, maxBytes));
      byte[] chunk = new byte[CHUNK];
      while (!inflater.finished()) {
        int n = inflater.inflate(chunk);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          throw RejectedBatchException.malformed(
              "body: truncated zlib stream (inflated " + out.size() + " bytes, then the input ended)");
        }
        if (out.size() + n > maxBytes) throw tooLarge(maxBytes);
        out.write(chunk, 0, n);
      }
      return out.toByteArray();
    } catch (DataFormatException e) {
      throw RejectedBatchException.malformed("body: corrupt zlib stream (" + e.getMessage() + ")");
    } finally {
      inflater.end();
    }
  }

  private static byte[] gunzip(byte[] body, int maxBytes) {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body), CHUNK)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(initialCapacity(body, maxBytes));
      byte[] chunk = new byte[CHUNK];
      for (int n; (n = in.read(chunk)) > 0; ) {
        if (out.size() + n > maxBytes) throw tooLarge(maxBytes);
        out.write(chunk, 0, n);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw RejectedBatchException.malformed("body: truncated or corrupt gzip stream (" + e.getMessage() + ")");
    }
  }

  /** Text compresses about fourfold; starting there saves most of the buffer's regrowth. */
  private static int initialCapacity(byte[] body, int maxBytes) {
    return (int) Math.min(maxBytes, body.length * (long) TYPICAL_RATIO);
  }

  private static RejectedBatchException tooLarge(int maxBytes) {
    return RejectedBatchException.tooLarge(
        "body: more than " + maxBytes + " bytes once decompressed (expected: <= " + maxBytes + ")");
  }
}
