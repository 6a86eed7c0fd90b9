package dev.tracebridge.store.cassandra.codec;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.rum.HeaderFormat;
import dev.tracebridge.core.rum.PropagatedContext;
import dev.tracebridge.core.rum.ResourceTiming;
import dev.tracebridge.core.rum.ResourceType;
import dev.tracebridge.core.rum.RumAction;
import dev.tracebridge.core.rum.RumContext;
import dev.tracebridge.core.rum.RumError;
import dev.tracebridge.core.rum.RumEvent;
import dev.tracebridge.core.rum.RumLongTask;
import dev.tracebridge.core.rum.RumResource;
import dev.tracebridge.core.rum.RumView;
import dev.tracebridge.core.rum.Sampling;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A RUM event's row payload, for every event type. The leading byte names the format, the next the
 * event type. Enums are stored by name, not by ordinal, so a value added to a core enum never changes
 * what an old row means.
 */
public final class RumEventCodec {
  /** Format 1: the layout below. */
  public static final int FORMAT_V1 = 1;

  static final int VIEW = 1;
  static final int RESOURCE = 2;
  static final int ERROR = 3;
  static final int ACTION = 4;
  static final int LONG_TASK = 5;
  /** Resource Timing has eleven marks. */
  private static final int TIMING_MARKS = 11;
  /** A propagated context is at least a format name, 16 trace id bytes, a span flag and a sampling name. */
  private static final int MIN_CONTEXT_BYTES = 19;
  /** A map entry is at least a key length and a value. */
  private static final int MIN_MAP_ENTRY_BYTES = 2;

  private RumEventCodec() {}

  public static byte[] encode(RumEvent event) {
    requireNonNull(event, "event");
    PayloadWriter out = new PayloadWriter();
    write(out, event);
    return out.toByteArray();
  }

  /** Appends the event's payload to {@code out}: what {@link #encode} returns, without a copy of its own. */
  static void write(PayloadWriter out, RumEvent event) {
    out.writeByte(FORMAT_V1);
    out.writeByte(typeOf(event));
    out.writeString(event.eventId());
    writeContext(out, event.context());
    out.writeFixed64(event.epochNanos());
    if (event instanceof RumView view) {
      out.writeFixed64(view.durationNanos());
      out.writeString(view.url());
      out.writeString(view.referrer());
      out.writeLong(view.documentVersion());
      out.writeCount(view.timingsNanos().size());
      view.timingsNanos().forEach((name, nanos) -> {
        out.writeString(name);
        out.writeLong(nanos);
      });
    } else if (event instanceof RumResource resource) {
      out.writeFixed64(resource.durationNanos());
      out.writeString(resource.type().name());
      out.writeString(resource.url());
      out.writeString(resource.method());
      out.writeInt(resource.statusCode());
      writeTiming(out, resource.timing());
      writePropagation(out, resource.propagation());
      writeStrings(out, resource.traceHeaders());
    } else if (event instanceof RumError error) {
      out.writeString(error.message());
      out.writeString(error.errorType());
      out.writeString(error.stack());
      out.writeString(error.source());
      writePropagation(out, error.propagation());
    } else if (event instanceof RumAction action) {
      out.writeFixed64(action.durationNanos());
      out.writeString(action.actionType());
      out.writeString(action.name());
    } else if (event instanceof RumLongTask task) {
      out.writeFixed64(task.durationNanos());
    }
    AttributesCodec.write(out, event.attributes());
  }

  /**
   * The event id of an encoded event, read without decoding the rest (the load benchmark's read-back).
   *
   * @throws CorruptPayloadException when the bytes are not a RUM payload of a known format
   */
  public static String eventId(ByteBuffer payload) {
    PayloadReader in = formatOne(payload);
    in.readByte();
    return in.readString();
  }

  /** A reader standing after the format byte, which must be format 1. */
  private static PayloadReader formatOne(ByteBuffer payload) {
    requireNonNull(payload, "payload");
    PayloadReader in = new PayloadReader(payload);
    int format = in.readByte();
    if (format != FORMAT_V1) {
      throw new CorruptPayloadException("RUM payload format " + format + " (expected: " + FORMAT_V1 + ")");
    }
    return in;
  }

  /**
   * Decodes a payload written by {@link #encode}.
   *
   * @throws CorruptPayloadException when the bytes are not a RUM payload of a known format
   */
  public static RumEvent decode(ByteBuffer payload) {
    PayloadReader in = formatOne(payload);
    try {
      int type = in.readByte();
      String eventId = in.readString();
      RumContext context = readContext(in);
      long epochNanos = in.readFixed64();
      RumEvent event = switch (type) {
        case VIEW -> new RumView(eventId, context, epochNanos, in.readFixed64(), in.readString(),
            in.readString(), in.readLong(), readTimings(in), AttributesCodec.read(in));
        case RESOURCE -> new RumResource(eventId, context, epochNanos, in.readFixed64(),
            ResourceType.valueOf(in.readString()), in.readString(), in.readString(), in.readInt(),
            readTiming(in), readPropagation(in), readStrings(in), AttributesCodec.read(in));
        case ERROR -> new RumError(eventId, context, epochNanos, in.readString(), in.readString(),
            in.readString(), in.readString(), readPropagation(in), AttributesCodec.read(in));
        case ACTION -> new RumAction(eventId, context, epochNanos, in.readFixed64(), in.readString(),
            in.readString(), AttributesCodec.read(in));
        case LONG_TASK -> new RumLongTask(eventId, context, epochNanos, in.readFixed64(),
            AttributesCodec.read(in));
        default -> throw new CorruptPayloadException("unknown RUM event type " + type);
      };
      in.requireEnd();
      return event;
    } catch (IllegalArgumentException e) {
      // An enum name this version does not know, or an id the core records refuse.
      throw new CorruptPayloadException("RUM payload: " + e.getMessage());
    }
  }

  /**
   * The type byte a payload of this event starts with, after the format: 1 view, 2 resource, 3 error,
   * 4 action, 5 long task. The store keeps it beside the payload too (session_events.event_kind).
   */
  public static int typeOf(RumEvent event) {
    if (event instanceof RumView) return VIEW;
    if (event instanceof RumResource) return RESOURCE;
    if (event instanceof RumError) return ERROR;
    if (event instanceof RumAction) return ACTION;
    if (event instanceof RumLongTask) return LONG_TASK;
    throw new IllegalArgumentException("event: " + event.getClass() + " (expected: a known RUM event)");
  }

  private static void writeContext(PayloadWriter out, RumContext context) {
    out.writeString(context.appId());
    out.writeNullableString(context.sessionId());
    out.writeNullableString(context.viewId());
    out.writeNullableString(context.viewUrl());
    out.writeNullableString(context.userId());
    writeStrings(out, context.labels());
  }

  private static RumContext readContext(PayloadReader in) {
    return new RumContext(in.readString(), in.readNullableString(), in.readNullableString(),
        in.readNullableString(), in.readNullableString(), readStrings(in));
  }

  private static void writeTiming(PayloadWriter out, @Nullable ResourceTiming timing) {
    out.writeBoolean(timing != null);
    if (timing == null) return;
    for (long mark : new long[] {timing.redirectStart(), timing.redirectEnd(), timing.fetchStart(),
        timing.domainLookupStart(), timing.domainLookupEnd(), timing.connectStart(), timing.connectEnd(),
        timing.secureConnectionStart(), timing.requestStart(), timing.responseStart(),
        timing.responseEnd()}) {
      out.writeLong(mark);
    }
  }

  private static @Nullable ResourceTiming readTiming(PayloadReader in) {
    if (!in.readBoolean()) return null;
    long[] m = new long[TIMING_MARKS];
    for (int i = 0; i < TIMING_MARKS; i++) m[i] = in.readLong();
    return new ResourceTiming(m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8], m[9], m[10]);
  }

  private static void writePropagation(PayloadWriter out, List<PropagatedContext> propagation) {
    out.writeCount(propagation.size());
    for (PropagatedContext c : propagation) {
      out.writeString(c.format().wireName());
      SpanCodec.writeTraceId(out, c.traceId());
      SpanId spanId = c.spanId();
      out.writeBoolean(spanId != null);
      if (spanId != null) out.writeFixed64(spanId.value());
      out.writeString(c.sampling().name());
    }
  }

  private static List<PropagatedContext> readPropagation(PayloadReader in) {
    int count = in.readCount(MIN_CONTEXT_BYTES);
    List<PropagatedContext> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      HeaderFormat format = HeaderFormat.fromWireName(in.readString());
      var traceId = SpanCodec.readTraceId(in);
      SpanId spanId = in.readBoolean() ? SpanId.of(in.readFixed64()) : null;
      out.add(new PropagatedContext(format, traceId, spanId, Sampling.valueOf(in.readString())));
    }
    return out;
  }

  private static void writeStrings(PayloadWriter out, Map<String, String> map) {
    out.writeCount(map.size());
    map.forEach((key, value) -> {
      out.writeString(key);
      out.writeString(value);
    });
  }

  private static Map<String, String> readStrings(PayloadReader in) {
    int count = in.readCount(MIN_MAP_ENTRY_BYTES);
    Map<String, String> map = new HashMap<>(count * 2);
    for (int i = 0; i < count; i++) map.put(in.readString(), in.readString());
    return map;
  }

  private static Map<String, Long> readTimings(PayloadReader in) {
    int count = in.readCount(MIN_MAP_ENTRY_BYTES);
    Map<String, Long> map = new HashMap<>(count * 2);
    for (int i = 0; i < count; i++) map.put(in.readString(), in.readLong());
    return map;
  }
}
