package dev.tracebridge.api.query;

import static java.util.Objects.checkFromIndexSize;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * The encoded bytes of one answer, kept by its request thread for the next answer. A joined trace's JSON
 * has to be whole before the first byte goes out (its ETag is computed from it, and a 304 sends none of
 * it), but a fresh buffer per request, grown and then copied out, was the largest share of the bytes the
 * trace route allocated (~300 KB of ~700 KB per 200-span trace), and each such share brings the engine's
 * next young collection, which stalls every request in flight, closer (docs/benchmarks.md, "Query
 * latency", sessions 7 and 8).
 *
 * <p>One buffer per thread, used by one answer at a time: {@link #forThisThread} hands it out empty and
 * {@link #release} ends its use. A buffer that an unusually large trace grew past {@link #RETAINED_BYTES}
 * is dropped at release, so a thread keeps at most that much between requests.
 */
final class AnswerBuffer extends OutputStream {
  /** A 200-span trace encodes to ~145 KB. */
  private static final int INITIAL_BYTES = 256 * 1024;
  static final int RETAINED_BYTES = 1024 * 1024;
  /** The largest array the JVM reliably allocates. */
  private static final int MAX_BYTES = Integer.MAX_VALUE - 8;
  private static final ThreadLocal<AnswerBuffer> PER_THREAD = ThreadLocal.withInitial(AnswerBuffer::new);

  private byte[] bytes = new byte[INITIAL_BYTES];
  private int length;
  private boolean inUse;

  private AnswerBuffer() {}

  /** This thread's buffer, empty. */
  static AnswerBuffer forThisThread() {
    AnswerBuffer buffer = PER_THREAD.get();
    if (buffer.inUse) throw new IllegalStateException("this thread's answer buffer is already in use");
    buffer.inUse = true;
    buffer.length = 0;
    return buffer;
  }

  @Override
  public void write(int b) {
    ensureRoom(1);
    bytes[length++] = (byte) b;
  }

  @Override
  public void write(byte[] source, int offset, int count) {
    checkFromIndexSize(offset, count, source.length);
    ensureRoom(count);
    System.arraycopy(source, offset, bytes, length, count);
    length += count;
  }

  /** How many bytes were written. */
  int length() {
    return length;
  }

  /** The written bytes are {@code array()[0 .. length())}; valid until {@link #release}. */
  byte[] array() {
    return bytes;
  }

  /** Writes what was written into {@code out}. */
  void writeTo(OutputStream out) throws IOException {
    requireNonNull(out, "out").write(bytes, 0, length);
  }

  /** Ends this use: the next {@link #forThisThread} on this thread gets the buffer again. */
  void release() {
    inUse = false;
    length = 0;
    if (bytes.length > RETAINED_BYTES) bytes = new byte[INITIAL_BYTES];
  }

  private void ensureRoom(int count) {
    long needed = (long) length + count;
    if (needed > MAX_BYTES) throw new OutOfMemoryError("an answer of more than " + MAX_BYTES + " bytes");
    if (needed > bytes.length) {
      bytes = Arrays.copyOf(bytes, (int) Math.max(needed, Math.min(2L * bytes.length, MAX_BYTES)));
    }
  }
}
