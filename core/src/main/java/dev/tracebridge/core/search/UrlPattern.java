package dev.tracebridge.core.search;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The endpoint a URL calls, with ids folded so that every request to the same endpoint (or every view
 * of the same route) shares one pattern: {@code https://api.shop.example/cart/42?x=1} becomes
 * {@code api.shop.example/cart/{id}}. Scheme, user info, port 80/443, query and fragment are dropped;
 * the host is lower-cased; a path segment is an id when it is a number, a UUID, a long hex string, or a
 * long token with digits in it.
 *
 * <p>The Cassandra store indexes URLs by the same rules (its own {@code UrlPattern}); a test in the
 * engine keeps the two in agreement until the store uses this one.
 */
public final class UrlPattern {
  /** What an id-like path segment becomes. */
  public static final String ID = "{id}";
  private static final Pattern NUMBER = Pattern.compile("-?[0-9]+");
  private static final Pattern UUID =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  /** Hex of 16 digits or more: trace ids, hashes, object ids. Shorter words like "cafe" stay words. */
  private static final Pattern LONG_HEX = Pattern.compile("[0-9a-fA-F]{16,}");
  /** Tokens this long with a digit in them are generated ids (base64, ULIDs), not route words. */
  private static final int MIN_TOKEN_LENGTH = 20;
  private static final Pattern HAS_DIGIT = Pattern.compile(".*[0-9].*");

  private UrlPattern() {}

  public static String of(String url) {
    requireNonNull(url, "url");
    String rest = url.strip();
    int scheme = rest.indexOf("://");
    if (scheme >= 0) rest = rest.substring(scheme + 3);
    int end = firstOf(rest, '?', '#');
    if (end >= 0) rest = rest.substring(0, end);
    int slash = rest.indexOf('/');
    String authority = slash < 0 ? rest : rest.substring(0, slash);
    String path = slash < 0 ? "/" : rest.substring(slash);
    int at = authority.lastIndexOf('@');
    if (at >= 0) authority = authority.substring(at + 1);
    authority = authority.toLowerCase(Locale.ROOT);
    if (authority.endsWith(":80") || authority.endsWith(":443")) {
      authority = authority.substring(0, authority.lastIndexOf(':'));
    }
    StringBuilder out = new StringBuilder(authority);
    String[] segments = path.split("/", -1);
    for (int i = 1; i < segments.length; i++) {
      out.append('/').append(isId(segments[i]) ? ID : segments[i]);
    }
    if (segments.length <= 1) out.append('/');
    return out.toString();
  }

  static boolean isId(String segment) {
    if (segment.isEmpty()) return false;
    return NUMBER.matcher(segment).matches() || UUID.matcher(segment).matches()
        || LONG_HEX.matcher(segment).matches()
        || (segment.length() >= MIN_TOKEN_LENGTH && HAS_DIGIT.matcher(segment).matches());
  }

  private static int firstOf(String text, char a, char b) {
    int first = text.indexOf(a);
    int second = text.indexOf(b);
    if (first < 0) return second;
    if (second < 0) return first;
    return Math.min(first, second);
  }
}
