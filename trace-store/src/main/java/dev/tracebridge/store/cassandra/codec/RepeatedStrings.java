package dev.tracebridge.store.cassandra.codec;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Short strings met again while decoding the records of one chunk, so that the tenth span's
 * {@code http.request.method} is the first span's {@code String}, not a new copy of it. Every span of an
 * export repeats the same attribute keys and many of the same values; a new {@code String} for each cost an
 * allocation and, wherever it was then used as a key (attribute maps, the trace JSON's property names), a
 * hash computed again. A shared instance keeps its hash.
 *
 * <p>A small direct-mapped table: a string whose slot is taken by another is decoded as usual and takes the
 * slot over. Entries point into the chunk's own bytes, which outlive the decoding of its records. One
 * instance serves one chunk, on one thread.
 */
final class RepeatedStrings {
  /** Longer strings (statements, URLs, stack traces) rarely repeat within a chunk. */
  static final int MAX_BYTES = 48;
  private static final int SLOTS = 128;

  private final byte[][] arrays = new byte[SLOTS][];
  private final int[] offsets = new int[SLOTS];
  private final int[] lengths = new int[SLOTS];
  private final String[] strings = new String[SLOTS];

  /** The string an earlier call to {@link #remember} gave for these same bytes, or null. */
  @Nullable String find(byte[] array, int from, int length) {
    int slot = slot(array, from, length);
    byte[] cached = arrays[slot];
    if (cached == null || lengths[slot] != length) return null;
    int at = offsets[slot];
    return Arrays.equals(cached, at, at + length, array, from, from + length) ? strings[slot] : null;
  }

  void remember(byte[] array, int from, int length, String decoded) {
    int slot = slot(array, from, length);
    arrays[slot] = array;
    offsets[slot] = from;
    lengths[slot] = length;
    strings[slot] = decoded;
  }

  /** Length and three sampled bytes: cheap, and different for the keys a span usually holds. */
  private static int slot(byte[] array, int from, int length) {
    if (length == 0) return 0;
    int hash = length * 31 + array[from] * 7 + array[from + length - 1] * 131 + array[from + (length >> 1)] * 17;
    return (hash ^ (hash >>> 7)) & (SLOTS - 1);
  }
}
