package dev.tracebridge.rum.batch;

import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Splits a JSON batch into its event objects: a JSON array, or NDJSON (one object per line, as Datadog
 * RUM sends). In NDJSON a malformed line rejects only that line; a malformed array rejects the batch,
 * because nothing after the syntax error can be trusted.
 */
public final class JsonBatchReader {
  /** Shared: a JsonMapper is thread-safe once built. */
  public static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int UTF8_BOM_LENGTH = 3;
  private static final int MAX_REASON_CHARS = 200;

  /** Receives each event object with its index in the batch. */
  @FunctionalInterface
  public interface EventHandler {
    void handle(int index, ObjectNode event);
  }

  private JsonBatchReader() {}

  /** Reads a JSON array or NDJSON, whichever the first non-blank character says. */
  public static void read(byte[] body, DecodedBatch.Collector batch, EventHandler handler) {
    int start = firstNonBlank(body);
    if (start < 0) {
      throw RejectedBatchException.malformed("body: empty (expected: a JSON array or NDJSON of events)");
    }
    if (body[start] == '[') {
      readArray(body, batch, handler);
    } else if (body[start] == '{') {
      readNdjson(body, batch, handler);
    } else {
      throw RejectedBatchException.malformed("body: starts with '" + (char) (body[start] & 0x7f)
          + "' (expected: a JSON array or NDJSON of event objects)");
    }
  }

  public static void readArray(byte[] body, DecodedBatch.Collector batch, EventHandler handler) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JacksonException e) {
      throw RejectedBatchException.malformed("body: " + describe(e));
    }
    if (root == null || !root.isArray()) {
      throw RejectedBatchException.malformed("body: not a JSON array (expected: an array of event objects)");
    }
    for (JsonNode element : root) {
      int index = batch.next();
      if (!element.isObject()) {
        batch.reject(index, "event: " + element.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
            + " (expected: an object)");
        continue;
      }
      handleSafely(index, (ObjectNode) element, batch, handler);
    }
  }

  public static void readNdjson(byte[] body, DecodedBatch.Collector batch, EventHandler handler) {
    String text = new String(body, StandardCharsets.UTF_8);
    int lineStart = 0;
    while (lineStart <= text.length()) {
      int lineEnd = text.indexOf('\n', lineStart);
      if (lineEnd < 0) lineEnd = text.length();
      String line = text.substring(lineStart, lineEnd).strip();
      lineStart = lineEnd + 1;
      if (line.isEmpty()) continue;
      int index = batch.next();
      JsonNode node;
      try {
        node = JSON.readTree(line);
      } catch (JacksonException e) {
        batch.reject(index, describe(e));
        continue;
      }
      if (node == null || !node.isObject()) {
        batch.reject(index, "event: not a JSON object (expected: one event object per line)");
        continue;
      }
      handleSafely(index, (ObjectNode) node, batch, handler);
    }
  }

  private static void handleSafely(int index, ObjectNode event, DecodedBatch.Collector batch,
      EventHandler handler) {
    try {
      handler.handle(index, event);
    } catch (InvalidEventException e) {
      batch.reject(index, e.getMessage());
    }
  }

  /** Jackson's message, cut to its first line and a readable length, with where it happened. */
  public static String describe(JacksonException e) {
    String message = e.getOriginalMessage() == null ? "unreadable" : e.getOriginalMessage();
    int newline = message.indexOf('\n');
    if (newline >= 0) message = message.substring(0, newline);
    if (message.length() > MAX_REASON_CHARS) message = message.substring(0, MAX_REASON_CHARS) + "...";
    TokenStreamLocation at = e.getLocation();
    String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    return "malformed JSON" + where + ": " + message;
  }

  private static int firstNonBlank(byte[] body) {
    int i = body.length >= UTF8_BOM_LENGTH && (body[0] & 0xff) == 0xef && (body[1] & 0xff) == 0xbb
        && (body[2] & 0xff) == 0xbf ? UTF8_BOM_LENGTH : 0;
    for (; i < body.length; i++) {
      byte b = body[i];
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') return i;
    }
    return -1;
  }
}
