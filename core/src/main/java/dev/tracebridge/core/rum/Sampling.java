package dev.tracebridge.core.rum;

/** The sampling decision the browser propagated with a request. */
public enum Sampling {
  SAMPLED,
  NOT_SAMPLED,
  /** The format carries no flag, or the SDK did not say. */
  UNKNOWN
}
