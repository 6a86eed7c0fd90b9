package dev.tracebridge.rum.batch;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.model.Attributes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads an SDK's JSON event by dotted paths ({@code resource.status_code}), removing each field it reads
 * from a private copy; {@link #remaining()} then holds exactly what the typed fields did not take, so
 * nothing the SDK sent is lost. Type errors throw {@link InvalidEventException} naming the path.
 */
public final class EventFields {
  private static final long NANOS_PER_MILLI = 1_000_000L;

  private final ObjectNode root;

  private EventFields(ObjectNode root) {
    this.root = root;
  }

  public static EventFields copyOf(ObjectNode event) {
    return new EventFields(requireNonNull(event, "event").deepCopy());
  }

  /** Removes and returns the value at {@code path}; null when absent or JSON null. */
  public @Nullable JsonNode take(String path) {
    String[] keys = path.split("\\.");
    JsonNode parent = root;
    for (int i = 0; i < keys.length - 1; i++) {
      parent = parent.get(keys[i]);
      if (parent == null || !parent.isObject()) return null;
    }
    JsonNode value = ((ObjectNode) parent).remove(keys[keys.length - 1]);
    return value == null || value.isNull() ? null : value;
  }

  /** Whether a value is present at {@code path}, without taking it. */
  public boolean has(String path) {
    return peek(path) != null;
  }

  /** The value at {@code path} without taking it (it stays for {@link #remaining()}); null when absent. */
  public @Nullable JsonNode peek(String path) {
    JsonNode node = root;
    for (String key : path.split("\\.")) {
      node = node.get(key);
      if (node == null || node.isNull()) return null;
    }
    return node;
  }

  /**
   * Nanoseconds taken only when the value is a non-negative number; anything else is left for the
   * attributes. For optional SDK fields, where an odd value should not cost the whole event.
   */
  public OptionalLong nanosIfNumber(String path) {
    JsonNode value = peek(path);
    if (value == null || !value.isNumber() || !Double.isFinite(value.doubleValue()) || value.doubleValue() < 0
        || value.doubleValue() >= Long.MAX_VALUE) {
      return OptionalLong.empty();
    }
    take(path);
    return OptionalLong.of(value.isIntegralNumber() && value.canConvertToLong()
        ? value.longValue() : Math.round(value.doubleValue()));
  }

  public @Nullable String text(String path) {
    JsonNode value = take(path);
    if (value == null) return null;
    if (!value.isString()) throw wrongType(path, "a string", value);
    return value.stringValue();
  }

  public String requiredText(String path) {
    String value = text(path);
    if (value == null) throw new InvalidEventException(path + ": missing");
    if (value.isBlank()) throw new InvalidEventException(path + ": blank (expected: a non-empty string)");
    return value;
  }

  /** A string, number or boolean as text: ids and statuses that some SDKs send as numbers. */
  public @Nullable String scalarText(String path) {
    JsonNode value = take(path);
    if (value == null) return null;
    if (value.isContainer()) throw wrongType(path, "a string or number", value);
    return value.asString();
  }

  public OptionalDouble number(String path) {
    JsonNode value = take(path);
    if (value == null) return OptionalDouble.empty();
    if (!value.isNumber()) throw wrongType(path, "a number", value);
    double d = value.doubleValue();
    if (!Double.isFinite(d)) throw new InvalidEventException(path + ": " + value + " (expected: a finite number)");
    return OptionalDouble.of(d);
  }

  /** A whole number; a float with a fraction is an error. */
  public OptionalLong integer(String path) {
    JsonNode value = take(path);
    if (value == null) return OptionalLong.empty();
    return OptionalLong.of(integerOf(path, value));
  }

  /** Epoch milliseconds (may be fractional) as epoch nanoseconds; must be positive. */
  public OptionalLong epochNanosFromMillis(String path) {
    JsonNode value = take(path);
    if (value == null) return OptionalLong.empty();
    long nanos = millisToNanos(path, value);
    if (nanos <= 0) throw new InvalidEventException(path + ": " + value + " (expected: epoch milliseconds > 0)");
    return OptionalLong.of(nanos);
  }

  /** A duration or offset in milliseconds (may be fractional) as nanoseconds; must not be negative. */
  public OptionalLong nanosFromMillis(String path) {
    JsonNode value = take(path);
    if (value == null) return OptionalLong.empty();
    return OptionalLong.of(millisAsNanos(path, value));
  }

  /** A value already taken (a map entry whose key may hold dots) as non-negative nanoseconds. */
  public static long millisAsNanos(String path, JsonNode value) {
    return nonNegative(path, value, millisToNanos(path, value));
  }

  /** A duration or offset already in nanoseconds (Datadog, Guance); must not be negative. */
  public OptionalLong nanos(String path) {
    JsonNode value = take(path);
    if (value == null) return OptionalLong.empty();
    if (!value.isNumber()) throw wrongType(path, "a number", value);
    long nanos = value.isIntegralNumber() ? integerOf(path, value) : roundFinite(path, value, 1);
    return OptionalLong.of(nonNegative(path, value, nanos));
  }

  public @Nullable ObjectNode object(String path) {
    JsonNode value = take(path);
    if (value == null) return null;
    if (!value.isObject()) throw wrongType(path, "an object", value);
    return (ObjectNode) value;
  }

  /** A flat map of scalar values ({@code labels}, raw headers) as text, in the client's order. */
  public Map<String, String> textMap(String path) {
    ObjectNode object = object(path);
    Map<String, String> out = new LinkedHashMap<>();
    if (object == null) return out;
    for (Map.Entry<String, JsonNode> e : object.properties()) {
      JsonNode v = e.getValue();
      if (v.isNull()) continue;
      if (v.isContainer()) throw wrongType(path + "." + e.getKey(), "a string", v);
      out.put(e.getKey(), v.asString());
    }
    return out;
  }

  /** What no read took, flattened to attributes. */
  public Attributes remaining() {
    Attributes.Builder b = Attributes.builder();
    JsonAttributes.flatten("", root, b);
    return b.build();
  }

  /** Adds what no read took to {@code into}, so a mapper can put its own derived attributes first. */
  public Attributes.Builder remainingInto(Attributes.Builder into) {
    JsonAttributes.flatten("", root, into);
    return into;
  }

  static long millisToNanos(String path, JsonNode value) {
    if (!value.isNumber()) throw wrongType(path, "a number of milliseconds", value);
    if (value.isIntegralNumber()) {
      try {
        return Math.multiplyExact(integerOf(path, value), NANOS_PER_MILLI);
      } catch (ArithmeticException e) {
        throw new InvalidEventException(path + ": " + value + " (expected: milliseconds below year 2262)");
      }
    }
    return roundFinite(path, value, NANOS_PER_MILLI);
  }

  private static long roundFinite(String path, JsonNode value, long scale) {
    double scaled = value.doubleValue() * scale;
    if (!Double.isFinite(scaled) || Math.abs(scaled) >= Long.MAX_VALUE) {
      throw new InvalidEventException(path + ": " + value + " (expected: a finite number in range)");
    }
    return Math.round(scaled);
  }

  private static long integerOf(String path, JsonNode value) {
    if (!value.isNumber()) throw wrongType(path, "a number", value);
    if (value.isIntegralNumber()) {
      if (!value.canConvertToLong()) {
        throw new InvalidEventException(path + ": " + value + " (expected: a 64-bit integer)");
      }
      return value.longValue();
    }
    double d = value.doubleValue();
    if (d != Math.rint(d) || !Double.isFinite(d) || Math.abs(d) >= Long.MAX_VALUE) {
      throw new InvalidEventException(path + ": " + value + " (expected: a whole number)");
    }
    return (long) d;
  }

  private static long nonNegative(String path, JsonNode value, long nanos) {
    if (nanos < 0) throw new InvalidEventException(path + ": " + value + " (expected: >= 0)");
    return nanos;
  }

  private static InvalidEventException wrongType(String path, String expected, JsonNode value) {
    String got = value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    return new InvalidEventException(path + ": " + got + " (expected: " + expected + ")");
  }
}
