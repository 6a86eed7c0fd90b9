package dev.tracebridge.store.cassandra.codec;

import dev.tracebridge.core.model.AttributeValue;
import dev.tracebridge.core.model.Attributes;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Attributes and OTLP AnyValues of every kind, nested arrays and key-value lists included. */
final class AttributesCodec {
  /**
   * Deeper than any decoder lets through (protobuf stops at 100): a deeper payload is damage, and
   * refusing it keeps a crafted row from overflowing the reader's stack.
   */
  static final int MAX_DEPTH = 128;

  private static final int EMPTY = 0;
  private static final int STRING = 1;
  private static final int FALSE = 2;
  private static final int TRUE = 3;
  private static final int LONG = 4;
  private static final int DOUBLE = 5;
  private static final int BYTES = 6;
  private static final int ARRAY = 7;
  private static final int KEY_VALUE_LIST = 8;
  /** A key takes at least its length byte and a value its tag byte. */
  private static final int MIN_ENTRY_BYTES = 2;

  private AttributesCodec() {}

  static void write(PayloadWriter out, Attributes attributes) {
    out.writeCount(attributes.size());
    for (int i = 0; i < attributes.size(); i++) {
      out.writeString(attributes.keyAt(i));
      writeValue(out, attributes.valueAt(i));
    }
  }

  static Attributes read(PayloadReader in) {
    return read(in, 0, null);
  }

  /** Reads attributes as {@link #read(PayloadReader)}, sharing short strings through {@code repeats}. */
  static Attributes read(PayloadReader in, RepeatedStrings repeats) {
    return read(in, 0, repeats);
  }

  // An if chain, not a pattern switch: the project targets Java 17, where that is still a preview.
  private static void writeValue(PayloadWriter out, AttributeValue value) {
    if (value instanceof AttributeValue.StringValue s) {
      out.writeByte(STRING);
      out.writeString(s.value());
    } else if (value instanceof AttributeValue.LongValue l) {
      out.writeByte(LONG);
      out.writeLong(l.value());
    } else if (value instanceof AttributeValue.BoolValue b) {
      out.writeByte(b.value() ? TRUE : FALSE);
    } else if (value instanceof AttributeValue.DoubleValue d) {
      out.writeByte(DOUBLE);
      // Raw bits keep NaN payloads and the sign of zero.
      out.writeFixed64(Double.doubleToRawLongBits(d.value()));
    } else if (value instanceof AttributeValue.BytesValue b) {
      out.writeByte(BYTES);
      out.writeBytes(b.value());
    } else if (value instanceof AttributeValue.ArrayValue a) {
      out.writeByte(ARRAY);
      out.writeCount(a.values().size());
      for (AttributeValue element : a.values()) writeValue(out, element);
    } else if (value instanceof AttributeValue.KeyValueList kv) {
      out.writeByte(KEY_VALUE_LIST);
      write(out, kv.values());
    } else if (value instanceof AttributeValue.Empty) {
      out.writeByte(EMPTY);
    } else {
      throw new IllegalArgumentException("attribute value: " + value.getClass() + " (expected: a known kind)");
    }
  }

  private static Attributes read(PayloadReader in, int depth, @Nullable RepeatedStrings repeats) {
    int count = in.readCount(MIN_ENTRY_BYTES);
    if (count == 0) return Attributes.empty();
    Attributes.Builder attributes = Attributes.builder(count);
    for (int i = 0; i < count; i++) {
      String key = string(in, repeats);
      attributes.put(key, readValue(in, depth, repeats));
    }
    return attributes.build();
  }

  private static String string(PayloadReader in, @Nullable RepeatedStrings repeats) {
    return repeats == null ? in.readString() : in.readString(repeats);
  }

  private static AttributeValue readValue(PayloadReader in, int depth, @Nullable RepeatedStrings repeats) {
    if (depth > MAX_DEPTH) {
      throw new CorruptPayloadException("attribute values nested deeper than " + MAX_DEPTH);
    }
    int tag = in.readByte();
    return switch (tag) {
      case EMPTY -> AttributeValue.Empty.INSTANCE;
      case STRING -> new AttributeValue.StringValue(string(in, repeats));
      case FALSE -> new AttributeValue.BoolValue(false);
      case TRUE -> new AttributeValue.BoolValue(true);
      case LONG -> new AttributeValue.LongValue(in.readLong());
      case DOUBLE -> new AttributeValue.DoubleValue(Double.longBitsToDouble(in.readFixed64()));
      case BYTES -> new AttributeValue.BytesValue(in.readBytes());
      case ARRAY -> {
        int size = in.readCount(1);
        List<AttributeValue> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) values.add(readValue(in, depth + 1, repeats));
        yield new AttributeValue.ArrayValue(values);
      }
      case KEY_VALUE_LIST -> new AttributeValue.KeyValueList(read(in, depth + 1, repeats));
      default -> throw new CorruptPayloadException("unknown attribute value tag " + tag);
    };
  }
}
