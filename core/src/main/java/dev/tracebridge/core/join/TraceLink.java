package dev.tracebridge.core.join;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.model.SpanId;

/**
 * The edge across the browser/backend boundary: the RUM resource {@code resourceEventId} is the parent
 * of the backend span {@code childSpanId}, because that span's parent is the span id the browser
 * propagated ({@code propagatedSpanId}). Weaker matches ({@link LinkMatch}) say how they were made; a
 * {@link LinkMatch#FALLBACK} link carries a confidence below 1.
 *
 * @param confidence 1 for a link made by ids; in (0, 1) for a fallback link
 */
public record TraceLink(
    String resourceEventId, SpanId propagatedSpanId, SpanId childSpanId, LinkMatch match, double confidence) {

  public TraceLink {
    requireNonNull(resourceEventId, "resourceEventId");
    requireNonNull(propagatedSpanId, "propagatedSpanId");
    requireNonNull(childSpanId, "childSpanId");
    requireNonNull(match, "match");
    if (match == LinkMatch.FALLBACK ? !(confidence > 0 && confidence < 1) : confidence != 1) {
      throw new IllegalArgumentException("confidence: " + confidence + " for a " + match + " link (expected: "
          + (match == LinkMatch.FALLBACK ? "> 0 and < 1, a fallback is never certain)" : "1, ids are certain)"));
    }
  }

  /** A link made by ids, which is certain. */
  public TraceLink(String resourceEventId, SpanId propagatedSpanId, SpanId childSpanId, LinkMatch match) {
    this(resourceEventId, propagatedSpanId, childSpanId, match, 1);
  }
}
