package dev.tracebridge.correlator.corpus;

import dev.tracebridge.core.health.PropagationVerdict;
import dev.tracebridge.core.join.LinkMatch;
import org.jspecify.annotations.Nullable;

/** Why a request joined or did not: each with the verdict and the edge a correct correlator gives it. */
enum Cause {
  LINKED(PropagationVerdict.LINKED, LinkMatch.EXACT),
  /** The backend kept the browser's 64-bit id but made up its own high half. */
  LOW_64_BITS_ONLY(PropagationVerdict.ID_MISMATCH, LinkMatch.LOW_64_BITS),
  /** An unexported hop made up the parent span id. */
  REGENERATED_PARENT(PropagationVerdict.ID_MISMATCH, LinkMatch.REPAIRED),
  /** A B3 server recorded its side under the browser's span id. */
  SHARED_SPAN_ID(PropagationVerdict.ID_MISMATCH, LinkMatch.REPAIRED),
  /** The preflight was refused: status 0, the backend saw only the OPTIONS request. */
  CORS_BLOCKED(PropagationVerdict.CORS_BLOCKED, null),
  /** A proxy dropped the headers; the backend copied baggage session.id onto its root span. */
  HEADER_STRIPPED_WITH_SESSION(PropagationVerdict.HEADER_STRIPPED, LinkMatch.FALLBACK),
  /** A proxy dropped the headers; no session on the backend span, the only request to that endpoint. */
  HEADER_STRIPPED_ALONE(PropagationVerdict.HEADER_STRIPPED, LinkMatch.FALLBACK),
  /** A proxy dropped the request headers; the response's traceresponse names the backend's root span. */
  HEADER_STRIPPED_SEEN_IN_RESPONSE(PropagationVerdict.HEADER_STRIPPED, LinkMatch.RESPONSE),
  /** The browser sent a not-sampled flag; the parent-based backend recorded nothing. */
  SAMPLED_OUT_BY_BROWSER(PropagationVerdict.SAMPLED_OUT, null),
  /** The browser sent sampled; the backend (instrumented, other requests linked) dropped it. */
  SAMPLED_OUT_BY_BACKEND(PropagationVerdict.SAMPLED_OUT, null),
  /** Nothing records spans at that origin. */
  NOT_INSTRUMENTED(PropagationVerdict.NOT_INSTRUMENTED, null),
  /** A document load: no request headers, the server's meta tag names its span. No verdict. */
  DOCUMENT_BY_RESPONSE(null, LinkMatch.RESPONSE);

  private final @Nullable PropagationVerdict verdict;
  private final @Nullable LinkMatch match;

  Cause(@Nullable PropagationVerdict verdict, @Nullable LinkMatch match) {
    this.verdict = verdict;
    this.match = match;
  }

  @Nullable PropagationVerdict verdict() {
    return verdict;
  }

  @Nullable LinkMatch match() {
    return match;
  }

  /** Whether the edge is made from ids alone, so it holds however late the backend's spans arrive. */
  boolean linksByIds() {
    return match != null && match != LinkMatch.FALLBACK;
  }
}
