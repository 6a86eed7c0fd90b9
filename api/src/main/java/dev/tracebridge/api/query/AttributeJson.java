package dev.tracebridge.api.query;

import dev.tracebridge.core.model.AttributeValue;
import dev.tracebridge.core.model.Attributes;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;

/**
 * Attributes as JSON objects: strings, booleans and numbers as themselves, bytes as base64, arrays as
 * arrays and key-value lists as nested objects. Written straight to a generator for traces (no map per
 * span), or as a map for the shapes Spring serializes.
 */
final class AttributeJson {
  private AttributeJson() {}

  /** Writes {@code attributes} as an object, its keys encoded through {@code names}. */
  static void write(JsonGenerator out, Attributes attributes, PropertyNames names) {
    out.writeStartObject();
    for (int i = 0; i < attributes.size(); i++) {
      out.writeName(names.of(attributes.keyAt(i)));
      write(out, attributes.valueAt(i), names);
    }
    out.writeEndObject();
  }

  private static void write(JsonGenerator out, AttributeValue value, PropertyNames names) {
    // Java 17 has no pattern matching for switch; the chain below covers every AttributeValue kind.
    if (value instanceof AttributeValue.StringValue s) {
      out.writeString(s.value());
    } else if (value instanceof AttributeValue.BoolValue b) {
      out.writeBoolean(b.value());
    } else if (value instanceof AttributeValue.LongValue l) {
      out.writeNumber(l.value());
    } else if (value instanceof AttributeValue.DoubleValue d) {
      out.writeNumber(d.value());
    } else if (value instanceof AttributeValue.BytesValue b) {
      out.writeString(Base64.getEncoder().encodeToString(b.value()));
    } else if (value instanceof AttributeValue.ArrayValue a) {
      out.writeStartArray();
      for (AttributeValue item : a.values()) write(out, item, names);
      out.writeEndArray();
    } else if (value instanceof AttributeValue.KeyValueList kv) {
      write(out, kv.values(), names);
    } else {
      out.writeNull();
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
