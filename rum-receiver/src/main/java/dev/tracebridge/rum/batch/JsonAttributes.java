package dev.tracebridge.rum.batch;

import dev.tracebridge.core.model.AttributeValue;
import dev.tracebridge.core.model.Attributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Keeps what an SDK sent beyond the typed fields: nested objects become dotted keys
 * ({@code connectivity.effective_type}), arrays stay arrays, numbers keep their integer or float kind.
 * JSON nulls and emptied objects carry nothing and are dropped.
 */
public final class JsonAttributes {

  private JsonAttributes() {}

  public static void flatten(String prefix, JsonNode node, Attributes.Builder into) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), into);
      }
      return;
    }
    AttributeValue value = valueOf(node);
    if (value != null && !prefix.isEmpty()) into.put(prefix, value);
  }

  /** One JSON value as an attribute value; null for JSON null. */
  public static @org.jspecify.annotations.Nullable AttributeValue valueOf(JsonNode node) {
    if (node.isNull() || node.isMissingNode()) return null;
    if (node.isString()) return AttributeValue.of(node.stringValue());
    if (node.isBoolean()) return AttributeValue.of(node.booleanValue());
    if (node.isIntegralNumber()) {
      // Beyond 64 bits the exact digits matter more than the kind: keep them as text.
      return node.canConvertToLong() ? AttributeValue.of(node.longValue()) : AttributeValue.of(node.asString());
    }
    if (node.isNumber()) return AttributeValue.of(node.doubleValue());
    if (node.isArray()) {
      List<AttributeValue> values = new ArrayList<>(node.size());
      for (JsonNode element : node) {
        AttributeValue v = valueOf(element);
        values.add(v == null ? AttributeValue.Empty.INSTANCE : v);
      }
      return new AttributeValue.ArrayValue(values);
    }
    if (node.isObject()) {
      Attributes.Builder nested = Attributes.builder();
      flatten("", node, nested);
      return new AttributeValue.KeyValueList(nested.build());
    }
    return AttributeValue.of(node.asString());
  }
}
