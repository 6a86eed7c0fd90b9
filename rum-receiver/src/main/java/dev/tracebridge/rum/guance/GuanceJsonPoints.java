package dev.tracebridge.rum.guance;

import dev.tracebridge.rum.batch.JsonBatchReader;
import dev.tracebridge.rum.batch.RejectedBatchException;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Guance's JSON mode ({@code sendContentTypeByJson}): the same points as an array of
 * {@code {"measurement", "tags", "fields", "time"}} objects (datakit-js {@code batch.js}
 * {@code processedMessageByDataMap}'s {@code rowData}), posted as {@code application/json}.
 */
final class GuanceJsonPoints {

  private GuanceJsonPoints() {}

  static void read(byte[] body, LineProtocolParser.Handler handler) {
    JsonNode root;
    try {
      root = JsonBatchReader.JSON.readTree(body);
    } catch (JacksonException e) {
      throw RejectedBatchException.malformed("body: " + JsonBatchReader.describe(e));
    }
    if (root == null || !root.isArray()) {
      throw RejectedBatchException.malformed("body: not a JSON array (expected: an array of points)");
    }
    int item = 0;
    for (JsonNode element : root) {
      String position = "item " + item++;
      JsonNode measurement = element.get("measurement");
      if (!element.isObject() || measurement == null || !measurement.isString()) {
        handler.malformed(position, "measurement: missing (expected: an object with a measurement)");
        continue;
      }
      Map<String, String> tags = new LinkedHashMap<>();
      JsonNode tagNode = element.path("tags");
      if (tagNode.isObject()) {
        tagNode.properties().forEach(e -> {
          JsonNode v = e.getValue();
          if (!v.isNull()) tags.put(e.getKey(), v.isString() ? v.stringValue() : v.toString());
        });
      }
      Map<String, FieldValue> fields = new LinkedHashMap<>();
      JsonNode fieldNode = element.path("fields");
      if (fieldNode.isObject()) {
        fieldNode.properties().forEach(e -> {
          if (!e.getValue().isNull()) fields.put(e.getKey(), fieldValue(e.getValue()));
        });
      }
      JsonNode time = element.get("time");
      Long timestamp = time != null && time.isNumber() ? Math.round(time.doubleValue()) : null;
      handler.point(new LinePoint(position, measurement.stringValue(), tags, fields, timestamp));
    }
  }

  private static FieldValue fieldValue(JsonNode value) {
    if (value.isBoolean()) return new FieldValue.BooleanField(value.booleanValue());
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      return new FieldValue.IntegerField(value.longValue());
    }
    if (value.isNumber()) return new FieldValue.FloatField(value.doubleValue());
    if (value.isString()) return new FieldValue.StringField(value.stringValue());
    return new FieldValue.StringField(value.toString());
  }
}
