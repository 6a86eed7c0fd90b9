package dev.tracebridge.rum.batch;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * An id for an event the SDK sent without one, derived from the event's canonical bytes: the same
 * event delivered twice (a retried beacon) gets the same id, which is what makes storing it twice
 * harmless. Canonical JSON sorts object keys and drops whitespace, so key order does not matter.
 */
public final class StableEventId {
  /** 128 bits of SHA-256: collisions are out of reach, and the id stays short. */
  private static final int ID_BYTES = 16;
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private StableEventId() {}

  public static String of(JsonNode event) {
    StringBuilder canonical = new StringBuilder();
    appendCanonical(event, canonical);
    return of(canonical.toString().getBytes(StandardCharsets.UTF_8));
  }

  public static String of(byte[] canonicalBytes) {
    byte[] digest;
    try {
      digest = MessageDigest.getInstance("SHA-256").digest(canonicalBytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JRE ships SHA-256", e);
    }
    StringBuilder out = new StringBuilder(ID_BYTES * 2);
    for (int i = 0; i < ID_BYTES; i++) {
      out.append(HEX[(digest[i] >> 4) & 0xf]).append(HEX[digest[i] & 0xf]);
    }
    return out.toString();
  }

  static void appendCanonical(JsonNode node, StringBuilder out) {
    if (node.isObject()) {
      List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(node.properties());
      entries.sort(Map.Entry.comparingByKey());
      out.append('{');
      for (int i = 0; i < entries.size(); i++) {
        if (i > 0) out.append(',');
        out.append(tools.jackson.databind.node.StringNode.valueOf(entries.get(i).getKey()));
        out.append(':');
        appendCanonical(entries.get(i).getValue(), out);
      }
      out.append('}');
    } else if (node.isArray()) {
      out.append('[');
      for (int i = 0; i < node.size(); i++) {
        if (i > 0) out.append(',');
        appendCanonical(node.get(i), out);
      }
      out.append(']');
    } else {
      out.append(node);
    }
  }
}
