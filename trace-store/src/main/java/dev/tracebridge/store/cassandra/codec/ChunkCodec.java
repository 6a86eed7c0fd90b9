package dev.tracebridge.store.cassandra.codec;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.rum.RumEvent;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import org.jspecify.annotations.Nullable;

/**
 * A chunk: many span payloads (or many RUM event payloads) in one row's blob, so that a trace write of
 * ten spans is one Cassandra cell instead of ten rows (REFERENCE.md §7: one blob row per trace stores
 * ~30 % more spans per CPU-second than ten rows in a batch). Layout: a format byte, a record count, then
 * per record a fixed 4-byte length and the record exactly as {@link SpanCodec} or {@link RumEventCodec}
 * encodes it alone. The length in front of each record lets a reader skip one damaged record and keep
 * the others (DESIGN.md invariant 6).
 *
 * <p>Written as format 2: the format byte, the length of the format 1 body (everything after its format
 * byte) as a varint, and that body compressed as one LZ4 block. A span record repeats its resource and
 * scope, so a 10-span chunk shrinks about six times (8.2 KB to 1.4 KB for the benchmark's spans); every
 * byte Cassandra does not get is a byte it does not copy into its commit log and memtable, flush, and
 * rewrite at each compaction (10-20 % less node CPU per span measured, half the disk; docs/benchmarks.md).
 * LZ4 costs ~4 µs per chunk to compress and decompress. Format 1 chunks (written before) are read as they are.
 */
public final class ChunkCodec {
  /** Format 1: the uncompressed layout above. */
  public static final int FORMAT_V1 = 1;
  /** Format 2: a format 1 body, LZ4-compressed. */
  public static final int FORMAT_V2_LZ4 = 2;
  /**
   * LZ4 cannot expand data more than this many times: a damaged length claiming more than this multiple
   * of the compressed bytes fails before anything is allocated for it.
   */
  private static final long MAX_EXPANSION = 255;
  /** The format byte and the longest varint of a body length. */
  private static final int HEADER_BYTES = 1 + 5;
  private static final LZ4Compressor COMPRESSOR = LZ4Factory.fastestInstance().fastCompressor();
  /** The safe decompressor never reads or writes outside the arrays it is given, whatever the input. */
  private static final LZ4SafeDecompressor DECOMPRESSOR = LZ4Factory.fastestInstance().safeDecompressor();
  /** A record is at least its 4 length bytes and a format byte. */
  private static final int MIN_RECORD_BYTES = 5;
  private static final int LENGTH_BYTES = 4;
  /**
   * The writer starts at this many bytes per record: a typical span with ten attributes encodes to
   * ~500-700 bytes, so a chunk rarely grows its array more than once.
   */
  private static final int EXPECTED_RECORD_BYTES = 640;

  private ChunkCodec() {}

  /** Encodes spans into one chunk payload. */
  public static byte[] encodeSpans(List<Span> spans) {
    return compressed(encodeSpansUncompressed(spans));
  }

  /** The format 1 chunk of {@code spans}. */
  static byte[] encodeSpansUncompressed(List<Span> spans) {
    requireNonNull(spans, "spans");
    PayloadWriter out = new PayloadWriter(spans.size() * EXPECTED_RECORD_BYTES);
    out.writeByte(FORMAT_V1);
    out.writeCount(spans.size());
    for (Span span : spans) {
      int lengthAt = out.reserveFixed32();
      SpanCodec.write(out, span);
      out.patchFixed32(lengthAt, out.size() - lengthAt - LENGTH_BYTES);
    }
    return out.toByteArray();
  }

  /** Encodes RUM events into one chunk payload. */
  public static byte[] encodeEvents(List<? extends RumEvent> events) {
    requireNonNull(events, "events");
    PayloadWriter out = new PayloadWriter(events.size() * EXPECTED_RECORD_BYTES);
    out.writeByte(FORMAT_V1);
    out.writeCount(events.size());
    for (RumEvent event : events) {
      int lengthAt = out.reserveFixed32();
      RumEventCodec.write(out, event);
      out.patchFixed32(lengthAt, out.size() - lengthAt - LENGTH_BYTES);
    }
    return compressed(out.toByteArray());
  }

  /**
   * The size of a stored chunk's records before compression: what the chunk costs Cassandra to apply,
   * which the store's in-flight budget counts (a budget in compressed bytes would let six times more
   * spans queue at a saturated node).
   */
  public static int recordBytes(byte[] stored) {
    requireNonNull(stored, "stored");
    if (stored.length == 0 || stored[0] != FORMAT_V2_LZ4) return stored.length;
    long bodyLength = new PayloadReader(ByteBuffer.wrap(stored, 1, stored.length - 1)).readVarLong();
    return (int) Math.min(Integer.MAX_VALUE, 1 + bodyLength);
  }

  /** A format 1 chunk as format 2. */
  static byte[] compressed(byte[] formatV1) {
    int bodyLength = formatV1.length - 1;
    PayloadWriter out = new PayloadWriter(HEADER_BYTES + COMPRESSOR.maxCompressedLength(bodyLength));
    out.writeByte(FORMAT_V2_LZ4);
    out.writeVarLong(bodyLength);
    out.writeLz4Block(COMPRESSOR, formatV1, 1, bodyLength);
    return out.toByteArray();
  }

  /**
   * Decodes a span chunk. A record that cannot be decoded goes to {@code damaged} and the rest are read.
   *
   * @throws CorruptPayloadException when the chunk's own framing is damaged
   */
  public static List<Span> decodeSpans(ByteBuffer payload, Consumer<CorruptPayloadException> damaged) {
    SpanOrigins origins = new SpanOrigins();
    RepeatedStrings strings = new RepeatedStrings();
    return decode(payload, damaged, record -> SpanCodec.decode(record, origins, strings));
  }

  /** Decodes an event chunk, as {@link #decodeSpans}. */
  public static List<RumEvent> decodeEvents(ByteBuffer payload, Consumer<CorruptPayloadException> damaged) {
    return decode(payload, damaged, RumEventCodec::decode);
  }

  /** Each record through {@code decoder}, the chunk decompressed into this thread's scratch array. */
  private static <T> List<T> decode(ByteBuffer payload, Consumer<CorruptPayloadException> damaged,
      Function<ByteBuffer, T> decoder) {
    DecompressionScratch scratch = DecompressionScratch.take();
    try {
      List<ByteBuffer> records = records(payload, scratch);
      List<T> decoded = new ArrayList<>(records.size());
      for (ByteBuffer record : records) {
        try {
          decoded.add(decoder.apply(record));
        } catch (CorruptPayloadException e) {
          damaged.accept(e);
        }
      }
      return decoded;
    } finally {
      scratch.giveBack();
    }
  }

  /**
   * The records of a chunk of either format, each exactly as {@link SpanCodec} or {@link RumEventCodec}
   * encodes it alone: for a reader that needs only a few bytes of each (the load benchmark's count of
   * stored ids) without decoding whole spans.
   *
   * @throws CorruptPayloadException when the chunk's own framing is damaged
   */
  public static List<ByteBuffer> records(ByteBuffer payload) {
    return records(payload, null);
  }

  /**
   * The records, as {@link #records(ByteBuffer)}; a compressed chunk is decompressed into {@code scratch}
   * when given, so the records are views of it and valid only until the scratch is given back.
   */
  private static List<ByteBuffer> records(ByteBuffer payload, @Nullable DecompressionScratch scratch) {
    requireNonNull(payload, "payload");
    PayloadReader in = new PayloadReader(payload);
    int format = in.readByte();
    if (format == FORMAT_V2_LZ4) {
      in = new PayloadReader(decompressed(in, scratch));
    } else if (format != FORMAT_V1) {
      throw new CorruptPayloadException("chunk format " + format + " (expected: " + FORMAT_V1 + " or "
          + FORMAT_V2_LZ4 + ")");
    }
    int count = in.readCount(MIN_RECORD_BYTES);
    List<ByteBuffer> records = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      records.add(in.readFixed32Slice());
    }
    in.requireEnd();
    return records;
  }

  /** The format 1 body a format 2 chunk holds, {@code in} standing after its format byte. */
  private static ByteBuffer decompressed(PayloadReader in, @Nullable DecompressionScratch scratch) {
    long bodyLength = in.readVarLong();
    ByteBuffer compressed = in.rest();
    if (bodyLength < 1 || bodyLength > Math.min(Integer.MAX_VALUE - 8, compressed.remaining() * MAX_EXPANSION)) {
      throw new CorruptPayloadException("compressed chunk claims " + bodyLength + " bytes from "
          + compressed.remaining());
    }
    int expected = (int) bodyLength;
    byte[] body = scratch == null ? new byte[expected] : scratch.array(expected);
    try {
      int length = DECOMPRESSOR.decompress(compressed, 0, compressed.remaining(), ByteBuffer.wrap(body), 0,
          expected);
      if (length != expected) {
        throw new CorruptPayloadException("compressed chunk holds " + length + " of its " + bodyLength + " bytes");
      }
    } catch (LZ4Exception e) {
      throw new CorruptPayloadException("compressed chunk does not decompress: " + e.getMessage());
    }
    return ByteBuffer.wrap(body, 0, expected).slice();
  }
}
