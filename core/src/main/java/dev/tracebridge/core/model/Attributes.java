package dev.tracebridge.core.model;

import static java.util.Objects.requireNonNull;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * An ordered, immutable set of attributes. The client's order is kept because engineers read attributes
 * in the order their instrumentation wrote them; a key repeated on the wire keeps its last value (in the
 * place it was first put), as the OTLP spec says a receiver may do.
 *
 * <p>Held as two arrays, keys and values in order, rather than a {@code LinkedHashMap}: every span, event,
 * link, resource and scope carries a set, decoders build one per object they read, and a linked map of ten
 * entries is ~560 bytes of entries, table and wrappers against ~140 here. Reading a stored 200-span trace
 * allocated ~15 % of its bytes in attribute maps (docs/benchmarks.md, "Query latency", session 8). A small
 * set is searched key by key (comparing cached string hashes first); a set of more than
 * {@value #SCAN_LIMIT} keys gets a hash index when it is built.
 */
public final class Attributes {
  /** Up to this many keys a lookup compares them in order; a hash index would cost more than it saves. */
  static final int SCAN_LIMIT = 16;
  private static final String[] NO_KEYS = {};
  private static final AttributeValue[] NO_VALUES = {};
  private static final Attributes EMPTY = new Attributes(NO_KEYS, NO_VALUES, 0);

  private final String[] keys;
  private final AttributeValue[] values;
  private final int size;
  /** Open addressing over a power-of-two table of {@code position + 1}, 0 empty; null up to SCAN_LIMIT keys. */
  private final int @Nullable [] index;

  private Attributes(String[] keys, AttributeValue[] values, int size) {
    this.keys = keys;
    this.values = values;
    this.size = size;
    this.index = size > SCAN_LIMIT ? indexOf(keys, size) : null;
  }

  public static Attributes empty() {
    return EMPTY;
  }

  /** The attributes of {@code values}, in its iteration order. */
  public static Attributes of(Map<String, AttributeValue> values) {
    requireNonNull(values, "values");
    Builder b = new Builder(values.size());
    values.forEach(b::put);
    return b.build();
  }

  public static Attributes ofStrings(Map<String, String> values) {
    Builder b = new Builder(values.size());
    values.forEach(b::put);
    return b.build();
  }

  public static Builder builder() {
    return new Builder(0);
  }

  /** A builder with room for {@code expectedSize} entries up front (a decoder knows the count). */
  public static Builder builder(int expectedSize) {
    return new Builder(expectedSize);
  }

  /** An unmodifiable map view, iterating in order. {@link #forEach} and {@link #get} need no view. */
  public Map<String, AttributeValue> asMap() {
    return new MapView();
  }

  /** Each key and its value, in order. */
  public void forEach(BiConsumer<? super String, ? super AttributeValue> action) {
    requireNonNull(action, "action");
    for (int i = 0; i < size; i++) action.accept(keys[i], values[i]);
  }

  /** The key at {@code position} (0 to {@link #size} - 1), in the order the attributes were put. */
  public String keyAt(int position) {
    return keys[Objects.checkIndex(position, size)];
  }

  /** The value at {@code position}, as {@link #keyAt}. */
  public AttributeValue valueAt(int position) {
    return values[Objects.checkIndex(position, size)];
  }

  public @Nullable AttributeValue get(String key) {
    int at = position(key);
    return at < 0 ? null : values[at];
  }

  /** The value as text, or null when absent. */
  public @Nullable String getText(String key) {
    AttributeValue v = get(key);
    return v == null ? null : v.asText();
  }

  public boolean isEmpty() {
    return size == 0;
  }

  public int size() {
    return size;
  }

  /** Equal when both hold the same keys with equal values, in any order (as two maps are equal). */
  @Override
  public boolean equals(Object o) {
    if (o == this) return true;
    if (!(o instanceof Attributes other) || other.size != size) return false;
    for (int i = 0; i < size; i++) {
      if (!values[i].equals(other.get(keys[i]))) return false;
    }
    return true;
  }

  /** A map's hash code, so that it agrees with {@link #equals} whatever the order. */
  @Override
  public int hashCode() {
    int hash = 0;
    for (int i = 0; i < size; i++) hash += keys[i].hashCode() ^ values[i].hashCode();
    return hash;
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("{");
    for (int i = 0; i < size; i++) {
      if (i > 0) text.append(", ");
      text.append(keys[i]).append('=').append(values[i]);
    }
    return text.append('}').toString();
  }

  /** Where {@code key} is in the arrays, or -1. */
  private int position(@Nullable Object key) {
    if (!(key instanceof String wanted)) return -1;
    int hash = wanted.hashCode();
    if (index == null) return scan(keys, size, wanted, hash);
    int mask = index.length - 1;
    for (int slot = spread(hash) & mask; ; slot = (slot + 1) & mask) {
      int entry = index[slot];
      if (entry == 0) return -1;
      String candidate = keys[entry - 1];
      if (candidate.hashCode() == hash && candidate.equals(wanted)) return entry - 1;
    }
  }

  private static int scan(String[] keys, int size, String wanted, int hash) {
    for (int i = 0; i < size; i++) {
      String candidate = keys[i];
      if (candidate == wanted || candidate.hashCode() == hash && candidate.equals(wanted)) return i;
    }
    return -1;
  }

  /** A table at most half full, so that a probe for a missing key ends soon. */
  private static int[] indexOf(String[] keys, int size) {
    int[] table = new int[Integer.highestOneBit(size) << 2];
    int mask = table.length - 1;
    for (int i = 0; i < size; i++) {
      int slot = spread(keys[i].hashCode()) & mask;
      while (table[slot] != 0) slot = (slot + 1) & mask;
      table[slot] = i + 1;
    }
    return table;
  }

  private static int spread(int hash) {
    return hash ^ (hash >>> 16);
  }

  /** The read-only map {@link #asMap} returns; its entries are made as the iteration reaches them. */
  private final class MapView extends AbstractMap<String, AttributeValue> {
    @Override
    public int size() {
      return size;
    }

    @Override
    public boolean containsKey(Object key) {
      return position(key) >= 0;
    }

    @Override
    public @Nullable AttributeValue get(Object key) {
      int at = position(key);
      return at < 0 ? null : values[at];
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super AttributeValue> action) {
      Attributes.this.forEach(action);
    }

    @Override
    public Set<Entry<String, AttributeValue>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public int size() {
          return size;
        }

        @Override
        public Iterator<Entry<String, AttributeValue>> iterator() {
          return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
              return next < size;
            }

            @Override
            public Entry<String, AttributeValue> next() {
              if (next >= size) throw new NoSuchElementException();
              int at = next++;
              return new SimpleImmutableEntry<>(keys[at], values[at]);
            }
          };
        }
      };
    }
  }

  public static final class Builder {
    private String[] keys;
    private AttributeValue[] values;
    private int size;
    /** Positions by key, made only once a builder holds more than SCAN_LIMIT keys. */
    private @Nullable HashMap<String, Integer> positions;

    private Builder(int expectedSize) {
      start(expectedSize);
    }

    private void start(int expectedSize) {
      keys = expectedSize <= 0 ? NO_KEYS : new String[expectedSize];
      values = expectedSize <= 0 ? NO_VALUES : new AttributeValue[expectedSize];
      size = 0;
      positions = null;
    }

    public Builder put(String key, AttributeValue value) {
      requireNonNull(key, "key");
      requireNonNull(value, "value");
      int at = positions != null ? positions.getOrDefault(key, -1) : scan(keys, size, key, key.hashCode());
      if (at >= 0) {
        values[at] = value;
        return this;
      }
      if (size == keys.length) {
        int capacity = Math.max(8, size + (size >> 1));
        keys = Arrays.copyOf(keys, capacity);
        values = Arrays.copyOf(values, capacity);
      }
      keys[size] = key;
      values[size] = value;
      if (positions != null) {
        positions.put(key, size);
      } else if (size == SCAN_LIMIT) {
        positions = new HashMap<>();
        for (int i = 0; i <= size; i++) positions.put(keys[i], i);
      }
      size++;
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
     * The attributes put so far. The builder's arrays are handed over rather than copied (reading a
     * stored trace builds one set per span and event); a builder used again starts from empty arrays.
     */
    public Attributes build() {
      if (size == 0) return EMPTY;
      Attributes built = new Attributes(keys, values, size);
      start(0);
      return built;
    }
  }
}
