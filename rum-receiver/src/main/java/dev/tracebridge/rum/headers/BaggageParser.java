package dev.tracebridge.rum.headers;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * W3C {@code baggage: key=value;property,key2=value2}, values percent-encoded. Datadog RUM 7 sends
 * {@code session.id} and {@code user.id} in it by default, which gives a fallback join key for an event
 * that carries no session of its own.
 */
final class BaggageParser {
  static final String HEADER = "baggage";
  /** Members past this many are ignored: the W3C limit is 64 members. */
  private static final int MAX_MEMBERS = 64;

  Map<String, String> parse(RequestHeaders headers, List<String> errors) {
    String value = headers.get(HEADER);
    Map<String, String> entries = new LinkedHashMap<>();
    if (value == null) return entries;
    String[] members = value.split(",");
    for (int i = 0; i < members.length && i < MAX_MEMBERS; i++) {
      String member = members[i].strip();
      if (member.isEmpty()) continue;
      int semicolon = member.indexOf(';');
      String pair = semicolon < 0 ? member : member.substring(0, semicolon);
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        errors.add(HEADER + ": member " + HexText.quote(member) + " (expected: key=value)");
        continue;
      }
      String key = pair.substring(0, eq).strip();
      try {
        // '+' is a literal in baggage, not the space of HTML forms that URLDecoder assumes.
        String encoded = pair.substring(eq + 1).strip().replace("+", "%2B");
        entries.putIfAbsent(key, URLDecoder.decode(encoded, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        errors.add(HEADER + ": member " + HexText.quote(member) + " has a broken %-escape");
      }
    }
    return entries;
  }
}
