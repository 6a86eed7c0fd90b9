package dev.tracebridge.store.cassandra.codec;

import org.jspecify.annotations.Nullable;

/**
 * The array a thread decompresses chunks into while it decodes them. Decoding copies everything it keeps
 * (strings, byte values) out of the records, so once a chunk's spans or events are decoded its decompressed
 * body is garbage: reading a 200-span trace made ~20 of them, ~8 % of all the bytes the query routes
 * allocated (docs/benchmarks.md, "Query latency", session 8), each one bringing the next young collection
 * nearer. A thread keeps one array instead and reuses it for every chunk.
 *
 * <p>{@link #take} hands the thread's array out and {@link #giveBack} returns it; a decode that starts
 * while another on the same thread holds it (a damaged-record callback that decodes) gets an array of its
 * own. An array grown past {@link #RETAINED_BYTES} by an unusually large chunk is not kept.
 */
final class DecompressionScratch {
  /** A 10-span chunk is ~8 KB before compression; a 200-span one ~160 KB. */
  private static final int INITIAL_BYTES = 32 * 1024;
  static final int RETAINED_BYTES = 1024 * 1024;
  private static final ThreadLocal<@Nullable DecompressionScratch> IDLE = new ThreadLocal<>();

  private byte[] bytes;

  private DecompressionScratch(byte[] bytes) {
    this.bytes = bytes;
  }

  /** This thread's scratch (a new one when it has none idle), now in use. */
  static DecompressionScratch take() {
    DecompressionScratch idle = IDLE.get();
    if (idle == null) return new DecompressionScratch(new byte[INITIAL_BYTES]);
    IDLE.set(null);
    return idle;
  }

  /** An array of at least {@code length} bytes; its content is left over from earlier chunks. */
  byte[] array(int length) {
    if (bytes.length < length) bytes = new byte[Math.max(length, Math.min(2 * bytes.length, RETAINED_BYTES))];
    return bytes;
  }

  /** Ends this use: the thread's next {@link #take} gets this scratch again, unless it grew too large. */
  void giveBack() {
    if (bytes.length <= RETAINED_BYTES) IDLE.set(this);
  }
}
