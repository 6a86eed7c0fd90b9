package dev.tracebridge.rum.guance;

import dev.tracebridge.core.model.Attributes;
import dev.tracebridge.rum.batch.InvalidEventException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * A point's tags and fields read by name, whichever of the two the SDK put a value in (its tag/field
 * split is about Guance's indexing, not meaning). Each read removes the value, so {@link #remainingInto}
 * adds exactly what the typed fields did not take.
 */
final class GuanceFields {
  private final Map<String, String> tags;
  private final Map<String, FieldValue> fields;

  GuanceFields(LinePoint point) {
    this.tags = new LinkedHashMap<>(point.tags());
    this.fields = new LinkedHashMap<>(point.fields());
  }

  /** The value as text; null when absent or empty. */
  @Nullable String text(String name) {
    String tag = tags.remove(name);
    FieldValue field = fields.remove(name);
    String value = tag != null ? tag : field == null ? null : field.asText();
    return value == null || value.isEmpty() ? null : value;
  }

  @Nullable String peekText(String name) {
    String tag = tags.get(name);
    if (tag != null) return tag;
    FieldValue field = fields.get(name);
    return field == null ? null : field.asText();
  }

  String requiredText(String name) {
    String value = text(name);
    if (value == null || value.isBlank()) throw new InvalidEventException(name + ": missing");
    return value;
  }

  /** A non-negative whole number (nanoseconds, a status); absent is empty, anything else an error. */
  OptionalLong wholeNumber(String name) {
    String tag = tags.get(name);
    FieldValue field = fields.get(name);
    if (tag == null && field == null) return OptionalLong.empty();
    OptionalDouble number = field != null ? field.number() : parse(tag);
    if (number.isEmpty() || number.getAsDouble() < 0 || number.getAsDouble() >= Long.MAX_VALUE) {
      throw new InvalidEventException(name + ": '" + (tag != null ? tag : field.asText())
          + "' (expected: a non-negative number)");
    }
    tags.remove(name);
    fields.remove(name);
    return OptionalLong.of(Math.round(number.getAsDouble()));
  }

  /** Like {@link #wholeNumber} but an odd value is left for the attributes instead of failing the event. */
  OptionalLong wholeNumberIfValid(String name) {
    try {
      return wholeNumber(name);
    } catch (InvalidEventException e) {
      return OptionalLong.empty();
    }
  }

  /** Adds what no read took: tags as strings, fields with their own kinds, in the SDK's order. */
  Attributes.Builder remainingInto(Attributes.Builder b) {
    tags.forEach(b::put);
    fields.forEach((k, v) -> b.put(k, v.toAttribute()));
    return b;
  }

  private static OptionalDouble parse(String text) {
    try {
      double d = Double.parseDouble(text);
      return Double.isFinite(d) ? OptionalDouble.of(d) : OptionalDouble.empty();
    } catch (NumberFormatException e) {
      return OptionalDouble.empty();
    }
  }
}
