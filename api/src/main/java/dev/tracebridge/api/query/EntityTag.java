package dev.tracebridge.api.query;

import static java.util.Objects.requireNonNull;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * A strong entity tag of an encoded body: a digest of its bytes, so the tag changes whenever anything
 * in the answer does (a span written since, by this engine node or another), and a viewer that asks
 * again with {@code If-None-Match} gets {@code 304 Not Modified} instead of the same ~130 KB.
 *
 * <p>The body is always read and encoded first: nothing here is cached, so there is nothing to go stale.
 */
record EntityTag(String quoted) {
  /** 128 bits of SHA-256: no collision to fear between two versions of one trace. */
  private static final int DIGEST_BYTES = 16;
  private static final String WEAK_PREFIX = "W/";

  EntityTag {
    requireNonNull(quoted, "quoted");
  }

  static EntityTag of(byte[] body) {
    requireNonNull(body, "body");
    byte[] digest = sha256().digest(body);
    return new EntityTag('"' + HexFormat.of().formatHex(digest, 0, DIGEST_BYTES) + '"');
  }

  /**
   * Whether an {@code If-None-Match} header names this tag (RFC 9110 §13.1.2: weak comparison, a list of
   * tags or {@code *}).
   */
  boolean matches(@Nullable String ifNoneMatch) {
    if (ifNoneMatch == null) return false;
    for (String candidate : ifNoneMatch.split(",")) {
      String tag = candidate.strip();
      if (tag.equals("*")) return true;
      if (tag.startsWith(WEAK_PREFIX)) tag = tag.substring(WEAK_PREFIX.length());
      if (tag.equals(quoted)) return true;
    }
    return false;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256: missing (every Java runtime must provide it)", e);
    }
  }
}
