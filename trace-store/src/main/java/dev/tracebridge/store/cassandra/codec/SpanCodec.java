package dev.tracebridge.store.cassandra.codec;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.model.InstrumentationScope;
import dev.tracebridge.core.model.Resource;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.SpanEvent;
import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.SpanKind;
import dev.tracebridge.core.model.SpanLink;
import dev.tracebridge.core.model.SpanStatus;
import dev.tracebridge.core.model.TraceId;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A span's row payload: every field of {@link Span}, resource and scope included, so a span reads back
 * exactly as OTLP delivered it. The leading byte names the format; a reader refuses formats it does not
 * know rather than guess.
 */
public final class SpanCodec {
  /** Format 1: the layout below. A new layout gets a new number; old rows stay readable. */
  public static final int FORMAT_V1 = 1;
  /** No parent: span ids are never zero, so zero is free to mean absent. */
  private static final long NO_PARENT = 0;
  /** An event is at least a name length, 8 time bytes, an attribute count and a dropped count. */
  private static final int MIN_EVENT_BYTES = 11;
  /** A link is at least 24 id bytes, a trace state length, flags, attribute count, dropped count. */
  private static final int MIN_LINK_BYTES = 28;

  private SpanCodec() {}

  public static byte[] encode(Span span) {
    requireNonNull(span, "span");
    PayloadWriter out = new PayloadWriter();
    write(out, span);
    return out.toByteArray();
  }

  /** Appends the span's payload to {@code out}: what {@link #encode} returns, without a copy of its own. */
  static void write(PayloadWriter out, Span span) {
    out.writeByte(FORMAT_V1);
    writeTraceId(out, span.traceId());
    out.writeFixed64(span.spanId().value());
    SpanId parent = span.parentSpanId();
    out.writeFixed64(parent == null ? NO_PARENT : parent.value());
    out.writeString(span.traceState());
    out.writeInt(span.flags());
    out.writeString(span.name());
    out.writeInt(span.kind().otlpNumber());
    out.writeFixed64(span.startEpochNanos());
    out.writeFixed64(span.endEpochNanos());
    AttributesCodec.write(out, span.attributes());
    out.writeInt(span.droppedAttributesCount());
    out.writeCount(span.events().size());
    for (SpanEvent event : span.events()) {
      out.writeString(event.name());
      out.writeFixed64(event.epochNanos());
      AttributesCodec.write(out, event.attributes());
      out.writeInt(event.droppedAttributesCount());
    }
    out.writeInt(span.droppedEventsCount());
    out.writeCount(span.links().size());
    for (SpanLink link : span.links()) {
      writeTraceId(out, link.traceId());
      out.writeFixed64(link.spanId().value());
      out.writeString(link.traceState());
      out.writeInt(link.flags());
      AttributesCodec.write(out, link.attributes());
      out.writeInt(link.droppedAttributesCount());
    }
    out.writeInt(span.droppedLinksCount());
    out.writeInt(statusNumber(span.status().code()));
    out.writeString(span.status().message());
    Resource resource = span.resource();
    AttributesCodec.write(out, resource.attributes());
    out.writeInt(resource.droppedAttributesCount());
    out.writeString(resource.schemaUrl());
    InstrumentationScope scope = span.scope();
    out.writeString(scope.name());
    out.writeString(scope.version());
    AttributesCodec.write(out, scope.attributes());
    out.writeInt(scope.droppedAttributesCount());
    out.writeString(scope.schemaUrl());
  }

  /**
   * Decodes a payload written by {@link #encode}.
   *
   * @throws CorruptPayloadException when the bytes are not a span payload of a known format
   */
  public static Span decode(ByteBuffer payload) {
    return decode(payload, new SpanOrigins(), new RepeatedStrings());
  }

  /**
   * Decodes a payload as {@link #decode(ByteBuffer)} does, sharing the resource and scope objects with
   * the records {@code origins} read before when their bytes are the same, and short strings (attribute
   * keys and values, span names) through {@code strings}.
   */
  static Span decode(ByteBuffer payload, SpanOrigins origins, RepeatedStrings strings) {
    requireNonNull(payload, "payload");
    PayloadReader in = new PayloadReader(payload);
    int format = in.readByte();
    if (format != FORMAT_V1) {
      throw new CorruptPayloadException("span payload format " + format + " (expected: " + FORMAT_V1 + ")");
    }
    try {
      Span.Builder span = Span.builder()
          .traceId(readTraceId(in))
          .spanId(SpanId.of(in.readFixed64()));
      long parent = in.readFixed64();
      span.parentSpanId(parent == NO_PARENT ? null : SpanId.of(parent))
          .traceState(in.readString())
          .flags(in.readInt())
          .name(in.readString(strings))
          .kind(SpanKind.fromOtlp(in.readInt()))
          .startEpochNanos(in.readFixed64())
          .endEpochNanos(in.readFixed64())
          .attributes(AttributesCodec.read(in, strings))
          .droppedAttributesCount(in.readInt());
      int eventCount = in.readCount(MIN_EVENT_BYTES);
      List<SpanEvent> events = new ArrayList<>(eventCount);
      for (int i = 0; i < eventCount; i++) {
        events.add(new SpanEvent(in.readString(strings), in.readFixed64(), AttributesCodec.read(in, strings),
            in.readInt()));
      }
      span.events(events).droppedEventsCount(in.readInt());
      int linkCount = in.readCount(MIN_LINK_BYTES);
      List<SpanLink> links = new ArrayList<>(linkCount);
      for (int i = 0; i < linkCount; i++) {
        links.add(new SpanLink(readTraceId(in), SpanId.of(in.readFixed64()), in.readString(), in.readInt(),
            AttributesCodec.read(in), in.readInt()));
      }
      span.links(links).droppedLinksCount(in.readInt());
      span.status(SpanStatus.of(SpanStatus.Code.fromOtlp(in.readInt()), in.readString()));
      origins.read(in);
      return span.resource(origins.resource()).scope(origins.scope()).build();
    } catch (IllegalArgumentException e) {
      // A zero id where one must be set: the core records refuse it, and so does the reader.
      throw new CorruptPayloadException("span payload: " + e.getMessage());
    }
  }

  /**
   * The low 64 bits of the trace id of an encoded span, read without decoding the rest: for a reader
   * that only counts stored spans (the load benchmark's read-back).
   *
   * @throws CorruptPayloadException when the bytes are not a span payload of a known format
   */
  public static long traceIdLow(ByteBuffer payload) {
    return idAt(payload, 1 + Long.BYTES);
  }

  /** The span id of an encoded span, read as {@link #traceIdLow} reads its trace id. */
  public static long spanId(ByteBuffer payload) {
    return idAt(payload, 1 + 2 * Long.BYTES);
  }

  private static long idAt(ByteBuffer payload, int offset) {
    int start = payload.position();
    if (payload.remaining() < 1 + 3 * Long.BYTES || payload.get(start) != FORMAT_V1) {
      throw new CorruptPayloadException("not a span payload of format " + FORMAT_V1);
    }
    return payload.getLong(start + offset);
  }

  static void writeTraceId(PayloadWriter out, TraceId id) {
    out.writeFixed64(id.high());
    out.writeFixed64(id.low());
  }

  static TraceId readTraceId(PayloadReader in) {
    return TraceId.of(in.readFixed64(), in.readFixed64());
  }

  /** OTLP's status numbers, which are part of the protocol and so never move. */
  private static int statusNumber(SpanStatus.Code code) {
    return switch (code) {
      case UNSET -> 0;
      case OK -> 1;
      case ERROR -> 2;
    };
  }
}
