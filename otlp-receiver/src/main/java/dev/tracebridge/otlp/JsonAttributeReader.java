package dev.tracebridge.otlp;

import dev.tracebridge.core.model.AttributeValue;
import dev.tracebridge.core.model.Attributes;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads OTLP/JSON {@code KeyValue} lists and {@code AnyValue}s (every kind, nested) into core attributes.
 * An attribute that cannot be kept is read to its end (so parsing goes on) and then dropped, counted and
 * reported, as in {@link ProtoAttributes}. One per request: it remembers why the current value is dropped.
 */
final class JsonAttributeReader {
  private final JsonParser p;
  private final ExportTally tally;
  private @Nullable String dropReason;

  JsonAttributeReader(JsonParser p, ExportTally tally) {
    this.p = p;
    this.tally = tally;
  }

  /** Reads the array at the current token; {@code owner} names the span, event or resource for warnings. */
  DecodedAttributes attributes(String owner) throws MalformedExportException {
    if (p.currentToken() != JsonToken.START_ARRAY) throw JsonValues.unexpected(p, "an array of KeyValue");
    Attributes.Builder out = null;
    int dropped = 0;
    for (JsonToken token = p.nextToken(); token != JsonToken.END_ARRAY; token = p.nextToken()) {
      if (token != JsonToken.START_OBJECT) throw JsonValues.unexpected(p, "a KeyValue object");
      tally.startValue();
      dropReason = null;
      String key = "";
      boolean keyIsIndex = false;
      AttributeValue value = AttributeValue.Empty.INSTANCE;
      for (String name = p.nextName(); name != null; name = p.nextName()) {
        if (p.nextToken() == JsonToken.VALUE_NULL) continue;
        switch (name) {
          case "key" -> key = JsonValues.string(p);
          case "value" -> value = anyValue();
          case "keyStrindex", "key_strindex" -> keyIsIndex = JsonValues.int64(p) != 0;
          default -> p.skipChildren();
        }
      }
      if (key.isEmpty() && keyIsIndex) drop(ProtoAttributes.STRINDEX_UNSUPPORTED);
      if (dropReason != null) {
        dropped++;
        tally.warn(owner, "attribute '" + OtlpIds.abbreviate(key) + "' dropped: " + dropReason);
      } else {
        if (out == null) out = Attributes.builder();
        out.put(key, value);
      }
    }
    if (out == null && dropped == 0) return DecodedAttributes.NONE;
    return new DecodedAttributes(out == null ? Attributes.empty() : out.build(), dropped);
  }

  private AttributeValue anyValue() throws MalformedExportException {
    if (p.currentToken() != JsonToken.START_OBJECT) throw JsonValues.unexpected(p, "an AnyValue object");
    AttributeValue value = AttributeValue.Empty.INSTANCE;
    for (String name = p.nextName(); name != null; name = p.nextName()) {
      if (p.nextToken() == JsonToken.VALUE_NULL) continue;
      switch (name) {
        case "stringValue", "string_value" -> {
          String text = JsonValues.string(p);
          chargeString(text);
          value = new AttributeValue.StringValue(text);
        }
        case "boolValue", "bool_value" -> value = AttributeValue.of(JsonValues.bool(p));
        case "intValue", "int_value" -> value = AttributeValue.of(JsonValues.int64(p));
        case "doubleValue", "double_value" -> value = AttributeValue.of(JsonValues.float64(p));
        case "bytesValue", "bytes_value" -> {
          byte[] bytes = JsonValues.base64(p);
          charge(bytes.length);
          value = new AttributeValue.BytesValue(bytes);
        }
        case "arrayValue", "array_value" -> value = arrayValue();
        case "kvlistValue", "kvlist_value" -> value = kvlistValue();
        case "stringValueStrindex", "string_value_strindex" -> {
          JsonValues.int64(p);
          drop(ProtoAttributes.STRINDEX_UNSUPPORTED);
        }
        default -> p.skipChildren();
      }
    }
    return value;
  }

  private AttributeValue arrayValue() throws MalformedExportException {
    if (p.currentToken() != JsonToken.START_OBJECT) throw JsonValues.unexpected(p, "an ArrayValue object");
    List<AttributeValue> values = new ArrayList<>();
    for (String name = p.nextName(); name != null; name = p.nextName()) {
      JsonToken token = p.nextToken();
      if (token == JsonToken.VALUE_NULL) continue;
      if (!name.equals("values")) {
        p.skipChildren();
        continue;
      }
      if (token != JsonToken.START_ARRAY) throw JsonValues.unexpected(p, "an array of AnyValue");
      while (p.nextToken() != JsonToken.END_ARRAY) {
        values.add(anyValue());
      }
    }
    return new AttributeValue.ArrayValue(values);
  }

  private AttributeValue kvlistValue() throws MalformedExportException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw JsonValues.unexpected(p, "a KeyValueList object");
    }
    Attributes.Builder out = Attributes.builder();
    for (String name = p.nextName(); name != null; name = p.nextName()) {
      JsonToken token = p.nextToken();
      if (token == JsonToken.VALUE_NULL) continue;
      if (!name.equals("values")) {
        p.skipChildren();
        continue;
      }
      if (token != JsonToken.START_ARRAY) throw JsonValues.unexpected(p, "an array of KeyValue");
      for (token = p.nextToken(); token != JsonToken.END_ARRAY; token = p.nextToken()) {
        if (token != JsonToken.START_OBJECT) throw JsonValues.unexpected(p, "a KeyValue object");
        String key = "";
        boolean keyIsIndex = false;
        AttributeValue value = AttributeValue.Empty.INSTANCE;
        for (String field = p.nextName(); field != null; field = p.nextName()) {
          if (p.nextToken() == JsonToken.VALUE_NULL) continue;
          switch (field) {
            case "key" -> key = JsonValues.string(p);
            case "value" -> value = anyValue();
            case "keyStrindex", "key_strindex" -> keyIsIndex = JsonValues.int64(p) != 0;
            default -> p.skipChildren();
          }
        }
        if (key.isEmpty() && keyIsIndex) drop(ProtoAttributes.STRINDEX_UNSUPPORTED);
        chargeString(key);
        out.put(key, value);
      }
    }
    return new AttributeValue.KeyValueList(out.build());
  }

  private void chargeString(String text) {
    try {
      tally.chargeString(text);
    } catch (DroppedValueException e) {
      drop(e.getMessage());
    }
  }

  private void charge(int bytes) {
    try {
      tally.chargeValue(bytes);
    } catch (DroppedValueException e) {
      drop(e.getMessage());
    }
  }

  /** Keeps the first reason; the value is still read to its end so the parser stays in step. */
  private void drop(String reason) {
    if (dropReason == null) dropReason = reason;
  }
}
