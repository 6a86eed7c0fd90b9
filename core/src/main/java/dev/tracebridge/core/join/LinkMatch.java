package dev.tracebridge.core.join;

/** How a browser resource was matched to a backend span; the weaker matches say so. */
public enum LinkMatch {
  /** Full trace id and the propagated span id is the backend span's parent. */
  EXACT,
  /** Matched on the low 64 bits only (one side knew 64 bits, or padding differed). */
  LOW_64_BITS,
  /** Matched without ids: session, URL, method and time window. */
  FALLBACK
}
