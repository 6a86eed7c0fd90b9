package dev.tracebridge.api.query;

import static java.util.Objects.requireNonNull;

import java.util.HexFormat;
import java.util.Objects;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * A strong entity tag of an encoded body: its length and two checksums of its bytes, so the tag changes
 * whenever anything in the answer does (a span written since, by this engine node or another), and a
 * viewer that asks again with {@code If-None-Match} gets {@code 304 Not Modified} instead of the same
 * ~145 KB.
 *
 * <p>Why checksums rather than a cryptographic digest: the tag only has to tell two versions of one
 * trace apart; it protects nothing from an adversary (a client learns only whether its own copy is
 * current). CRC-32C and CRC-32 use different polynomials, so together with the length two versions
 * share a tag with a chance of about 2^-64, and both run as CPU instructions: SHA-256 of a 200-span
 * trace's 145 KB took ~80 µs, a tenth of the engine's CPU per trace request (docs/benchmarks.md, "Query
 * latency", sessions 6 and 7).
 *
 * <p>The body is always read and encoded first: nothing here is cached, so there is nothing to go stale.
 */
record EntityTag(String quoted) {
  private static final String WEAK_PREFIX = "W/";

  EntityTag {
    requireNonNull(quoted, "quoted");
  }

  /** The tag of the body {@code bytes[0 .. length)}. */
  static EntityTag of(byte[] bytes, int length) {
    Objects.checkFromIndexSize(0, length, requireNonNull(bytes, "bytes").length);
    CRC32C castagnoli = new CRC32C();
    castagnoli.update(bytes, 0, length);
    CRC32 ieee = new CRC32();
    ieee.update(bytes, 0, length);
    long checksums = castagnoli.getValue() << 32 | ieee.getValue();
    String tag = Integer.toHexString(length) + '-' + HexFormat.of().toHexDigits(checksums);
    return new EntityTag('"' + tag + '"');
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
}
