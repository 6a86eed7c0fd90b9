package dev.tracebridge.core.join;

/** How a browser resource was matched to a backend span; the weaker matches say so. */
public enum LinkMatch {
  /** Full trace id and the propagated span id is the backend span's parent. */
  EXACT,
  /** Matched on the low 64 bits only (one side knew 64 bits, or padding differed). */
  LOW_64_BITS,
  /**
   * The server named its own span in the response ({@code traceresponse}, {@code Server-Timing}, a
   * document's {@code <meta>} tag): the link is to that span itself, not to a child of the browser's span.
   */
  RESPONSE,
  /**
   * Matched only after an adjuster repaired ids the backend re-used (a Zipkin-style shared span id) or
   * re-generated (a parent the trace does not hold); the warnings say which.
   */
  REPAIRED,
  /** Matched without ids: session, URL, method and time window; see the link's confidence. */
  FALLBACK
}
