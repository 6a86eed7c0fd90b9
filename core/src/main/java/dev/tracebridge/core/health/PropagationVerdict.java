package dev.tracebridge.core.health;

/**
 * What became of the trace context a browser request carried. Every RUM resource that carried trace
 * headers ends in exactly one of these; the rules are in docs/propagation-health.md. The wire names are
 * the ones users see in reports and the API.
 */
public enum PropagationVerdict {
  /** A backend span's parent is the span id the browser sent, in the same trace. */
  LINKED("linked"),
  /** The browser saw no response (status 0): a refused preflight, a CORS failure, a network error. */
  CORS_BLOCKED("cors_blocked"),
  /** The backend recorded the request as a root span of a trace of its own: the headers did not arrive. */
  HEADER_STRIPPED("header_stripped"),
  /** Nobody recorded the request on purpose: the browser sent not-sampled, or the backend's sampler dropped it. */
  SAMPLED_OUT("sampled_out"),
  /** Joined only on the low 64 bits, or only after an adjuster repaired re-used or re-generated ids. */
  ID_MISMATCH("id_mismatch"),
  /** No span from that backend at all. */
  NOT_INSTRUMENTED("not_instrumented"),
  /** Not decided yet: the grace period for late backend spans has not passed. Never stored. */
  PENDING("pending");

  private final String wireName;

  PropagationVerdict(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static PropagationVerdict fromWireName(String name) {
    for (PropagationVerdict v : values()) {
      if (v.wireName.equals(name)) return v;
    }
    throw new IllegalArgumentException("verdict: '" + name + "' (expected one of "
        + java.util.Arrays.stream(values()).map(PropagationVerdict::wireName).toList() + ")");
  }
}
