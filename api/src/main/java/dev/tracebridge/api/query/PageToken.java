package dev.tracebridge.api.query;

import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.search.TraceSummary;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * Where the next page of a search starts: after the last trace shown, in the results' order (newest
 * start first, then trace id). Opaque to clients: base64url of a versioned text, so its form can
 * change without breaking a client that only hands it back.
 */
record PageToken(long startEpochNanos, String traceId) {
  private static final String VERSION = "1";

  static PageToken after(TraceSummary last) {
    return new PageToken(last.startEpochNanos(), last.traceId().toHex());
  }

  static @Nullable PageToken parse(@Nullable String text) {
    if (text == null || text.isBlank()) return null;
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(text.strip()), StandardCharsets.UTF_8);
      String[] parts = decoded.split(":", -1);
      if (parts.length != 3 || !parts[0].equals(VERSION)) throw new IllegalArgumentException("layout");
      long start = Long.parseLong(parts[1]);
      TraceId id = TraceId.fromHex(parts[2]);
      return new PageToken(start, id.toHex());
    } catch (IllegalArgumentException e) {
      throw new BadParameterException("pageToken", "pageToken: '" + QueryTimes.abbreviate(text.strip())
          + "' (expected: the nextPageToken of a previous answer, unchanged)");
    }
  }

  String encode() {
    String text = VERSION + ":" + startEpochNanos + ":" + traceId;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Whether {@code trace} comes after this token in the results' order. */
  boolean precedes(TraceSummary trace) {
    return trace.startEpochNanos() < startEpochNanos
        || trace.startEpochNanos() == startEpochNanos && trace.traceId().toHex().compareTo(traceId) > 0;
  }
}
