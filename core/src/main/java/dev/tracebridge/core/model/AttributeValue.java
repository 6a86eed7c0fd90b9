package dev.tracebridge.core.model;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.List;

/** OTLP's {@code AnyValue}: every kind it has, nested as deep as the client sent it. */
public sealed interface AttributeValue {

  static AttributeValue of(String value) {
    return new StringValue(value);
  }

  static AttributeValue of(long value) {
    return new LongValue(value);
  }

  static AttributeValue of(boolean value) {
    return new BoolValue(value);
  }

  static AttributeValue of(double value) {
    return new DoubleValue(value);
  }

  /** Renders the value as a human would read it; arrays and maps in a JSON-like form. */
  String asText();

  /** An AnyValue with no value set: OTLP allows it, and dropping it would lose what the client sent. */
  record Empty() implements AttributeValue {
    public static final Empty INSTANCE = new Empty();

    @Override
    public String asText() {
      return "";
    }
  }

  record StringValue(String value) implements AttributeValue {
    public StringValue {
      requireNonNull(value, "value");
    }

    @Override
    public String asText() {
      return value;
    }
  }

  record BoolValue(boolean value) implements AttributeValue {
    @Override
    public String asText() {
      return Boolean.toString(value);
    }
  }

  record LongValue(long value) implements AttributeValue {
    @Override
    public String asText() {
      return Long.toString(value);
    }
  }

  record DoubleValue(double value) implements AttributeValue {
    @Override
    public String asText() {
      return Double.toString(value);
    }
  }

  /** Raw bytes; copied in and out so the value stays immutable. */
  record BytesValue(byte[] value) implements AttributeValue {
    public BytesValue {
      value = value.clone();
    }

    @Override
    public byte[] value() {
      return value.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof BytesValue other && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(value);
    }

    @Override
    public String asText() {
      return java.util.Base64.getEncoder().encodeToString(value);
    }

    @Override
    public String toString() {
      return "BytesValue[" + asText() + "]";
    }
  }

  record ArrayValue(List<AttributeValue> values) implements AttributeValue {
    public ArrayValue {
      values = List.copyOf(values);
    }

    @Override
    public String asText() {
      StringBuilder out = new StringBuilder("[");
      for (int i = 0; i < values.size(); i++) {
        if (i > 0) out.append(", ");
        out.append(values.get(i).asText());
      }
      return out.append(']').toString();
    }
  }

  record KeyValueList(Attributes values) implements AttributeValue {
    public KeyValueList {
      requireNonNull(values, "values");
    }

    @Override
    public String asText() {
      return values.toString();
    }
  }
}
