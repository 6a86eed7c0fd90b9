package dev.tracebridge.api.analysis;

import java.util.Locale;

/** What a stretch of the critical path is attributed to in the latency split. */
public enum Category {
  /** The browser itself: queueing before the request, handling the response, time between requests. */
  FRONTEND,
  /** DNS, connecting, TLS, sending, download, and the first-byte wait not covered by backend spans. */
  NETWORK,
  /** A backend span's own time, attributed to its service. */
  BACKEND,
  /** Time no record explains: between unconnected backend roots, or a server that sent no spans. */
  UNATTRIBUTED;

  /** Computed once: the analysis asks for it at every step of every critical path. */
  private final String wireName = name().toLowerCase(Locale.ROOT);

  public String wireName() {
    return wireName;
  }
}
