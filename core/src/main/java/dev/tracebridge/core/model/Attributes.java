package dev.tracebridge.core.model;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An ordered, immutable set of attributes. The client's order is kept because engineers read attributes
 * in the order their instrumentation wrote them; a key repeated on the wire keeps its last value, as the
 * OTLP spec says a receiver may do.
 */
public final class Attributes {
  private static final Attributes EMPTY = new Attributes(Map.of());

  private final Map<String, AttributeValue> values;

  private Attributes(Map<String, AttributeValue> values) {
    this.values = values;
  }

  public static Attributes empty() {
    return EMPTY;
  }

  public static Attributes of(Map<String, AttributeValue> values) {
    requireNonNull(values, "values");
    if (values.isEmpty()) return EMPTY;
    return new Attributes(Collections.unmodifiableMap(new LinkedHashMap<>(values)));
  }

  public static Attributes ofStrings(Map<String, String> values) {
    Builder b = builder();
    values.forEach(b::put);
    return b.build();
  }

  public static Builder builder() {
    return new Builder(0);
  }

  /** A builder whose map is sized for {@code expectedSize} entries up front (a decoder knows the count). */
  public static Builder builder(int expectedSize) {
    return new Builder(expectedSize);
  }

  public Map<String, AttributeValue> asMap() {
    return values;
  }

  public @Nullable AttributeValue get(String key) {
    return values.get(key);
  }

  /** The value as text, or null when absent. */
  public @Nullable String getText(String key) {
    AttributeValue v = values.get(key);
    return v == null ? null : v.asText();
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  public int size() {
    return values.size();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Attributes other && values.equals(other.values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return values.toString();
  }

  public static final class Builder {
    /** Null once {@link #build} handed the map over, until the next put. */
    private @Nullable LinkedHashMap<String, AttributeValue> values;

    private Builder(int expectedSize) {
      this.values = newMap(expectedSize);
    }

    private static LinkedHashMap<String, AttributeValue> newMap(int expectedSize) {
      // LinkedHashMap resizes past 3/4 full: room for the expected entries without a resize.
      return new LinkedHashMap<>(Math.max(16, expectedSize * 4 / 3 + 1));
    }

    public Builder put(String key, AttributeValue value) {
      if (values == null) values = newMap(0);
      values.put(requireNonNull(key, "key"), requireNonNull(value, "value"));
      return this;
    }

    public Builder put(String key, String value) {
      return put(key, AttributeValue.of(value));
    }

    public Builder put(String key, long value) {
      return put(key, AttributeValue.of(value));
    }

    public Builder put(String key, boolean value) {
      return put(key, AttributeValue.of(value));
    }

    public Builder put(String key, double value) {
      return put(key, AttributeValue.of(value));
    }

    /**
     * The attributes put so far. The builder's map is handed over rather than copied (reading a stored
     * trace builds one per span and event); a builder used again starts from an empty map, made only if
     * it is used again.
     */
    public Attributes build() {
      if (values == null || values.isEmpty()) return EMPTY;
      Attributes built = new Attributes(Collections.unmodifiableMap(values));
      values = null;
      return built;
    }
  }
}
