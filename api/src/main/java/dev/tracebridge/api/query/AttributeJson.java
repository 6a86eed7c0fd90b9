package dev.tracebridge.api.query;

import dev.tracebridge.core.model.AttributeValue;
import dev.tracebridge.core.model.Attributes;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Attributes as JSON objects: strings, booleans and numbers as themselves, bytes as base64, arrays as
 * arrays and key-value lists as nested objects. Written straight into a trace's JSON (no map per span),
 * or as a map for the shapes Spring serializes.
 */
final class AttributeJson {
  private AttributeJson() {}

  /** Writes {@code attributes} as an object, its keys encoded through {@code names}. */
  static void write(JsonBytes out, Attributes attributes, PropertyNames names) {
    out.startObject();
    for (int i = 0; i < attributes.size(); i++) {
      out.name(names.of(attributes.keyAt(i)));
      write(out, attributes.valueAt(i), names);
    }
    out.endObject();
  }

  private static void write(JsonBytes out, AttributeValue value, PropertyNames names) {
    // Java 17 has no pattern matching for switch; the chain below covers every AttributeValue kind.
    if (value instanceof AttributeValue.StringValue s) {
      out.string(s.value());
    } else if (value instanceof AttributeValue.BoolValue b) {
      out.bool(b.value());
    } else if (value instanceof AttributeValue.LongValue l) {
      out.number(l.value());
    } else if (value instanceof AttributeValue.DoubleValue d) {
      out.number(d.value());
    } else if (value instanceof AttributeValue.BytesValue b) {
      out.string(Base64.getEncoder().encodeToString(b.value()));
    } else if (value instanceof AttributeValue.ArrayValue a) {
      out.startArray();
      for (AttributeValue item : a.values()) write(out, item, names);
      out.endArray();
    } else if (value instanceof AttributeValue.KeyValueList kv) {
      write(out, kv.values(), names);
    } else {
      out.nullValue();
    }
  }

  static Map<String, Object> map(Attributes attributes) {
    Map<String, Object> out = new LinkedHashMap<>();
    attributes.forEach((k, v) -> out.put(k, value(v)));
    return out;
  }

  private static @Nullable Object value(AttributeValue value) {
    if (value instanceof AttributeValue.StringValue s) return s.value();
    if (value instanceof AttributeValue.BoolValue b) return b.value();
    if (value instanceof AttributeValue.LongValue l) return l.value();
    if (value instanceof AttributeValue.DoubleValue d) return d.value();
    if (value instanceof AttributeValue.BytesValue b) return Base64.getEncoder().encodeToString(b.value());
    if (value instanceof AttributeValue.ArrayValue a) {
      List<Object> items = new ArrayList<>();
      for (AttributeValue item : a.values()) items.add(value(item));
      return items;
    }
    if (value instanceof AttributeValue.KeyValueList kv) return map(kv.values());
    return null;
  }
}
