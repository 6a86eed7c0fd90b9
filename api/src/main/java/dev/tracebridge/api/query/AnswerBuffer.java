package dev.tracebridge.api.query;

import static java.util.Objects.checkFromIndexSize;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The encoded bytes of one answer, in a buffer the next answer uses again. A joined trace's JSON has to be
 * whole before the first byte goes out (its ETag is computed from it, and a 304 sends none of it), but a
 * fresh buffer per request, grown and then copied out, was the largest share of the bytes the trace route
 * allocated (~300 KB of ~700 KB per 200-span trace), and each such share brings the engine's next young
 * collection, which stalls every request in flight, closer (docs/benchmarks.md, "Query latency", session
 * 8).
 *
 * <p>Buffers are handed out most recently released first: with sixteen requests waiting on two cores,
 * the buffer the last answer was written from is likely still in the CPU's cache, where a buffer per
 * request thread was not (copying the JSON into a cold one was 8 % of the route's CPU samples).
 * {@link #take} hands one out empty, {@link #release} gives it back. At most {@link #POOLED} buffers are
 * kept, and none that an unusually large trace grew past {@link #RETAINED_BYTES}.
 */
final class AnswerBuffer {
  /** A 200-span trace encodes to ~145 KB. */
  private static final int INITIAL_BYTES = 256 * 1024;
  static final int RETAINED_BYTES = 1024 * 1024;
  /** The largest array the JVM reliably allocates. */
  private static final int MAX_BYTES = Integer.MAX_VALUE - 8;
  /** More than the answers a 2-core engine encodes at once, fewer than its request threads. */
  static final int POOLED = 32;
  private static final ConcurrentLinkedDeque<AnswerBuffer> RELEASED = new ConcurrentLinkedDeque<>();
  private static final AtomicInteger RELEASED_COUNT = new AtomicInteger();

  private byte[] bytes;
  private int length;

  private AnswerBuffer(int initialBytes) {
    bytes = new byte[initialBytes];
  }

  /** An empty buffer: the one released last, or a new one. */
  static AnswerBuffer take() {
    AnswerBuffer buffer = RELEASED.pollFirst();
    if (buffer == null) return new AnswerBuffer(INITIAL_BYTES);
    RELEASED_COUNT.decrementAndGet();
    return buffer;
  }

  /** A buffer of its own for a small encoding that is kept, never released. */
  static AnswerBuffer unpooled(int initialBytes) {
    return new AnswerBuffer(initialBytes);
  }

  /** How many bytes were written. */
  int length() {
    return length;
  }

  /** The written bytes are {@code array()[0 .. length())}; valid until {@link #release}. */
  byte[] array() {
    return bytes;
  }

  /**
   * Records that {@code written} bytes of {@link #array()} are filled, makes room for {@code count} more after
   * them and answers the array to write them into (a new one, with the filled bytes, if it grew). The answer's
   * writer ({@link JsonBytes}) fills the array itself rather than through a stream, so no bytes are copied.
   */
  byte[] grow(int written, int count) {
    written(written);
    ensureRoom(count);
    return bytes;
  }

  /** The first {@code written} bytes of {@link #array()} are the answer. */
  void written(int written) {
    checkFromIndexSize(0, written, bytes.length);
    length = written;
  }

  /** Writes what was written into {@code out}. */
  void writeTo(OutputStream out) throws IOException {
    requireNonNull(out, "out").write(bytes, 0, length);
  }

  /** Ends this use; the buffer must not be touched afterwards. */
  void release() {
    length = 0;
    if (bytes.length > RETAINED_BYTES) return;
    if (RELEASED_COUNT.incrementAndGet() > POOLED) {
      RELEASED_COUNT.decrementAndGet();
      return;
    }
    RELEASED.offerFirst(this);
  }

  private void ensureRoom(int count) {
    long needed = (long) length + count;
    if (needed > MAX_BYTES) throw new OutOfMemoryError("an answer of more than " + MAX_BYTES + " bytes");
    if (needed > bytes.length) {
      bytes = Arrays.copyOf(bytes, (int) Math.max(needed, Math.min(2L * bytes.length, MAX_BYTES)));
    }
  }
}
