package dev.tracebridge.store.cassandra.codec;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.rum.RumEvent;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A chunk: many span payloads (or many RUM event payloads) in one row's blob, so that a trace write of
 * ten spans is one Cassandra cell instead of ten rows (REFERENCE.md §7: one blob row per trace stores
 * ~30 % more spans per CPU-second than ten rows in a batch). Layout: a format byte, a record count, then
 * per record a fixed 4-byte length and the record exactly as {@link SpanCodec} or {@link RumEventCodec}
 * encodes it alone. The length in front of each record lets a reader skip one damaged record and keep
 * the others (DESIGN.md invariant 6).
 */
public final class ChunkCodec {
  /** Format 1: the layout above. */
  public static final int FORMAT_V1 = 1;
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
    return out.toByteArray();
  }

  /**
   * Decodes a span chunk. A record that cannot be decoded goes to {@code damaged} and the rest are read.
   *
   * @throws CorruptPayloadException when the chunk's own framing is damaged
   */
  public static List<Span> decodeSpans(ByteBuffer payload, Consumer<CorruptPayloadException> damaged) {
    List<Span> spans = new ArrayList<>();
    for (ByteBuffer record : records(payload)) {
      try {
        spans.add(SpanCodec.decode(record));
      } catch (CorruptPayloadException e) {
        damaged.accept(e);
      }
    }
    return spans;
  }

  /** Decodes an event chunk, as {@link #decodeSpans}. */
  public static List<RumEvent> decodeEvents(ByteBuffer payload, Consumer<CorruptPayloadException> damaged) {
    List<RumEvent> events = new ArrayList<>();
    for (ByteBuffer record : records(payload)) {
      try {
        events.add(RumEventCodec.decode(record));
      } catch (CorruptPayloadException e) {
        damaged.accept(e);
      }
    }
    return events;
  }

  /** The records of a chunk as views of its bytes (no copy). */
  private static List<ByteBuffer> records(ByteBuffer payload) {
    requireNonNull(payload, "payload");
    PayloadReader in = new PayloadReader(payload);
    int format = in.readByte();
    if (format != FORMAT_V1) {
      throw new CorruptPayloadException("chunk format " + format + " (expected: " + FORMAT_V1 + ")");
    }
    int count = in.readCount(MIN_RECORD_BYTES);
    List<ByteBuffer> records = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      records.add(in.readFixed32Slice());
    }
    in.requireEnd();
    return records;
  }
}
