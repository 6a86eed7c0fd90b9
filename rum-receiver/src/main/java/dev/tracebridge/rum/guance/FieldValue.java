package dev.tracebridge.rum.guance;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.model.AttributeValue;

/**
 * A line-protocol field value. Influx marks integers with {@code i} and unsigned with {@code u}; Guance's
 * SDK writes JavaScript numbers bare, so a bare number is a float that is often whole.
 */
sealed interface FieldValue {

  AttributeValue toAttribute();

  /** The value as a number, when it is one. */
  default java.util.OptionalDouble number() {
    return java.util.OptionalDouble.empty();
  }

  String asText();

  record FloatField(double value) implements FieldValue {
    @Override
    public AttributeValue toAttribute() {
      return value == Math.rint(value) && Math.abs(value) < Long.MAX_VALUE
          ? AttributeValue.of((long) value) : AttributeValue.of(value);
    }

    @Override
    public java.util.OptionalDouble number() {
      return java.util.OptionalDouble.of(value);
    }

    @Override
    public String asText() {
      return value == Math.rint(value) && Math.abs(value) < Long.MAX_VALUE
          ? Long.toString((long) value) : Double.toString(value);
    }
  }

  record IntegerField(long value) implements FieldValue {
    @Override
    public AttributeValue toAttribute() {
      return AttributeValue.of(value);
    }

    @Override
    public java.util.OptionalDouble number() {
      return java.util.OptionalDouble.of(value);
    }

    @Override
    public String asText() {
      return Long.toString(value);
    }
  }

  /** An unsigned 64-bit value; kept as text in attributes when it does not fit a signed long. */
  record UnsignedField(long value) implements FieldValue {
    @Override
    public AttributeValue toAttribute() {
      return value >= 0 ? AttributeValue.of(value) : AttributeValue.of(Long.toUnsignedString(value));
    }

    @Override
    public java.util.OptionalDouble number() {
      return value >= 0 ? java.util.OptionalDouble.of(value) : java.util.OptionalDouble.empty();
    }

    @Override
    public String asText() {
      return Long.toUnsignedString(value);
    }
  }

  record BooleanField(boolean value) implements FieldValue {
    @Override
    public AttributeValue toAttribute() {
      return AttributeValue.of(value);
    }

    @Override
    public String asText() {
      return Boolean.toString(value);
    }
  }

  record StringField(String value) implements FieldValue {
    public StringField {
      requireNonNull(value, "value");
    }

    @Override
    public AttributeValue toAttribute() {
      return AttributeValue.of(value);
    }

    @Override
    public String asText() {
      return value;
    }
  }
}
