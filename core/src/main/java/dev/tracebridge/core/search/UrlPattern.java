package dev.tracebridge.core.search;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * The endpoint a URL calls, with ids folded so that every request to the same endpoint (or every view
 * of the same route) shares one pattern: {@code https://api.shop.example/cart/42?x=1} becomes
 * {@code api.shop.example/cart/{id}}. Scheme, user info, port 80/443, query and fragment are dropped;
 * the host is lower-cased; a path segment is an id when it is a number, a UUID, a hex string of 16 digits
 * or more, or a token of 20 characters or more with a digit in it.
 *
 * <p>One rule for every user: the URL search index, the rollups and the propagation checker, so a health
 * report's URL pattern can be searched for. The checker also needs the path and the origin on their own
 * (a backend span knows only its path), and it runs for every traced request decided, hence index
 * arithmetic instead of substrings and regular expressions.
 */
public final class UrlPattern {
  /** What an id-like path segment becomes. */
  public static final String ID = "{id}";
  /** Hex of 16 digits or more: trace ids, hashes, object ids. Shorter words like "cafe" stay words. */
  private static final int MIN_HEX_LENGTH = 16;
  /** Tokens this long with a digit in them are generated ids (base64, ULIDs), not route words. */
  private static final int MIN_TOKEN_LENGTH = 20;
  /** 8-4-4-4-12 hex digits. */
  private static final int UUID_LENGTH = 36;
  private static final String SCHEME_END = "://";

  private UrlPattern() {}

  /** Host and folded path: scheme, user info, default ports, query and fragment dropped. */
  public static String of(String url) {
    requireNonNull(url, "url");
    Parts parts = Parts.of(url);
    StringBuilder out = new StringBuilder(parts.pathEnd - parts.authorityStart + 8);
    out.append(parts.authority());
    foldPath(url, parts.pathStart, parts.pathEnd, out);
    return out.toString();
  }

  /**
   * The folded path alone. A backend span names the path it served, often under an internal host name
   * (behind a proxy), so browser and backend meet on the path, not the host.
   */
  public static String foldPath(String path) {
    requireNonNull(path, "path");
    StringBuilder out = new StringBuilder(path.length() + 4);
    foldPath(path, 0, path.length(), out);
    return out.toString();
  }

  /** The authority, lower-cased, without user info and without port 80 or 443; empty for a path. */
  public static String origin(String url) {
    requireNonNull(url, "url");
    return Parts.of(url).authority();
  }

  /** The path, without query or fragment; "/" when there is none. */
  public static String path(String url) {
    requireNonNull(url, "url");
    Parts parts = Parts.of(url);
    return parts.pathStart == parts.pathEnd ? "/" : url.substring(parts.pathStart, parts.pathEnd);
  }

  /** Appends the folded form of {@code text[from, to)}, a path ("" counts as "/"). */
  private static void foldPath(String text, int from, int to, StringBuilder out) {
    // Segments are what follows each '/'; the text before the first '/' is not a segment (as in the
    // String.split form trace-store uses).
    int slash = text.indexOf('/', from);
    if (slash < 0 || slash >= to) {
      out.append('/');
      return;
    }
    while (slash >= 0 && slash < to) {
      int next = text.indexOf('/', slash + 1);
      int end = next < 0 || next > to ? to : next;
      out.append('/');
      if (isId(text, slash + 1, end)) {
        out.append(ID);
      } else {
        out.append(text, slash + 1, end);
      }
      slash = next < 0 || next >= to ? -1 : next;
    }
  }

  /**
   * Where the authority and the path of a URL are, the way the search index always has: the scheme
   * dropped, the query and fragment cut, the authority up to the first '/', user info dropped. Index
   * arithmetic rather than substrings, because this runs for every traced request the checker decides.
   */
  private record Parts(String url, int authorityStart, int authorityEnd, int pathStart, int pathEnd) {
    static Parts of(String url) {
      int from = 0;
      int to = url.length();
      while (from < to && Character.isWhitespace(url.charAt(from))) from++;
      while (to > from && Character.isWhitespace(url.charAt(to - 1))) to--;
      int scheme = url.indexOf(SCHEME_END, from);
      if (scheme >= 0 && scheme < to) from = scheme + SCHEME_END.length();
      int end = to;
      for (int i = from; i < to; i++) {
        char c = url.charAt(i);
        if (c == '?' || c == '#') {
          end = i;
          break;
        }
      }
      int slash = url.indexOf('/', from);
      if (slash < 0 || slash >= end) slash = end;
      int authorityStart = from;
      for (int i = slash - 1; i >= from; i--) {
        if (url.charAt(i) == '@') {
          authorityStart = i + 1;
          break;
        }
      }
      return new Parts(url, authorityStart, slash, slash, end);
    }

    String authority() {
      String authority = url.substring(authorityStart, authorityEnd).toLowerCase(Locale.ROOT);
      if (authority.endsWith(":80") || authority.endsWith(":443")) {
        authority = authority.substring(0, authority.lastIndexOf(':'));
      }
      return authority;
    }
  }

  /**
   * The rule of the regular expressions ({@code -?[0-9]+}, a UUID, {@code [0-9a-fA-F]{16,}},
   * or 20 characters or more with a digit), written out by hand: it runs for every path segment of every
   * traced request the checker decides, where the regular expressions cost a microsecond a URL.
   */
  static boolean isId(String segment) {
    return isId(segment, 0, segment.length());
  }

  private static boolean isId(String text, int from, int to) {
    int length = to - from;
    if (length == 0) return false;
    boolean allDigits = true;
    boolean allHex = true;
    boolean anyDigit = false;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      boolean digit = c >= '0' && c <= '9';
      boolean sign = i == from && c == '-' && length > 1;
      anyDigit |= digit;
      if (!digit && !sign) allDigits = false;
      if (!isHex(c)) allHex = false;
    }
    return allDigits || isUuid(text, from, to) || (allHex && length >= MIN_HEX_LENGTH)
        || (length >= MIN_TOKEN_LENGTH && anyDigit);
  }

  private static boolean isUuid(String text, int from, int to) {
    if (to - from != UUID_LENGTH) return false;
    for (int i = 0; i < UUID_LENGTH; i++) {
      char c = text.charAt(from + i);
      boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
      if (dash ? c != '-' : !isHex(c)) return false;
    }
    return true;
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
