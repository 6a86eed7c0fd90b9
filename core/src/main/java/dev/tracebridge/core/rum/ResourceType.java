package dev.tracebridge.core.rum;

import java.util.Locale;

/** What kind of request a RUM resource was. */
public enum ResourceType {
  FETCH,
  XHR,
  DOCUMENT,
  OTHER;

  /** Maps the names SDKs use ("fetch", "xhr", "xmlhttprequest", "document", "navigation"...). */
  public static ResourceType fromName(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "fetch", "beacon" -> FETCH;
      case "xhr", "xmlhttprequest" -> XHR;
      case "document", "navigation" -> DOCUMENT;
      default -> OTHER;
    };
  }
}
