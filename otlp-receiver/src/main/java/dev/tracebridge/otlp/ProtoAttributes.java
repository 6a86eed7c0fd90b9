package dev.tracebridge.otlp;

import dev.tracebridge.core.model.AttributeValue;
import dev.tracebridge.core.model.Attributes;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns protobuf {@code KeyValue}s into core {@link Attributes}, every {@code AnyValue} kind included
 * (nested arrays and maps, bytes, an unset value). An attribute that cannot be kept whole (over the size
 * limit, or a profiles string-table index that means nothing in a trace) is dropped, counted and reported.
 */
final class ProtoAttributes {
  static final String STRINDEX_UNSUPPORTED =
      "string-table index (string_value_strindex/key_strindex) is only defined for profiles";

  private ProtoAttributes() {}

  static DecodedAttributes decode(List<KeyValue> keyValues, String owner, ExportTally tally) {
    if (keyValues.isEmpty()) return DecodedAttributes.NONE;
    Attributes.Builder out = Attributes.builder();
    int dropped = 0;
    for (int i = 0, n = keyValues.size(); i < n; i++) {
      KeyValue keyValue = keyValues.get(i);
      String key = keyValue.getKey();
      try {
        if (key.isEmpty() && keyValue.getKeyStrindex() != 0) {
          throw new DroppedValueException(STRINDEX_UNSUPPORTED);
        }
        tally.startValue();
        out.put(key, value(keyValue.getValue(), tally));
      } catch (DroppedValueException e) {
        dropped++;
        tally.warn(owner, "attribute '" + OtlpIds.abbreviate(key) + "' dropped: " + e.getMessage());
      }
    }
    return new DecodedAttributes(out.build(), dropped);
  }

  private static AttributeValue value(AnyValue value, ExportTally tally) throws DroppedValueException {
    switch (value.getValueCase()) {
      case STRING_VALUE -> {
        tally.chargeValue(value.getStringValueBytes().size());
        return new AttributeValue.StringValue(value.getStringValue());
      }
      case BOOL_VALUE -> {
        return AttributeValue.of(value.getBoolValue());
      }
      case INT_VALUE -> {
        return AttributeValue.of(value.getIntValue());
      }
      case DOUBLE_VALUE -> {
        return AttributeValue.of(value.getDoubleValue());
      }
      case BYTES_VALUE -> {
        tally.chargeValue(value.getBytesValue().size());
        return new AttributeValue.BytesValue(value.getBytesValue().toByteArray());
      }
      case ARRAY_VALUE -> {
        List<AnyValue> elements = value.getArrayValue().getValuesList();
        List<AttributeValue> out = new ArrayList<>(elements.size());
        for (AnyValue element : elements) {
          out.add(value(element, tally));
        }
        return new AttributeValue.ArrayValue(out);
      }
      case KVLIST_VALUE -> {
        Attributes.Builder out = Attributes.builder();
        for (KeyValue entry : value.getKvlistValue().getValuesList()) {
          if (entry.getKey().isEmpty() && entry.getKeyStrindex() != 0) {
            throw new DroppedValueException(STRINDEX_UNSUPPORTED);
          }
          tally.chargeValue(entry.getKeyBytes().size());
          out.put(entry.getKey(), value(entry.getValue(), tally));
        }
        return new AttributeValue.KeyValueList(out.build());
      }
      case STRING_VALUE_STRINDEX -> throw new DroppedValueException(STRINDEX_UNSUPPORTED);
      case VALUE_NOT_SET -> {
        return AttributeValue.Empty.INSTANCE;
      }
    }
    // A oneof case added by a newer protocol version: keep the attribute visible as unset, not dropped.
    return AttributeValue.Empty.INSTANCE;
  }
}
