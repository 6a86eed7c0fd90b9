package dev.tracebridge.core.health;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.model.TraceKey;
import org.jspecify.annotations.Nullable;

/**
 * The durable propagation verdict of one RUM resource. Decided once: the first decision stored wins,
 * and a second engine node or a restarted one that decides the same resource again gets this one back
 * ({@link VerdictStore#decide}).
 *
 * @param traceKey the partition of the trace id the resource is keyed on (its primary context)
 * @param sessionId the RUM session; empty when the event had none
 * @param reason one sentence saying what the rule saw, for the person reading it
 * @param headerFormats the request-side formats the browser sent, by wire name, joined with '+' in
 *     HeaderFormat order ({@code "w3c"}, {@code "b3+w3c"}): health is aggregated per combination
 * @param urlPattern host and folded path of the request ({@link dev.tracebridge.core.search.UrlPattern#of})
 * @param traceId the trace id the browser propagated (primary context)
 * @param resourceEpochNanos when the request started by the browser's clock: the report's time bucket
 * @param decidedAtNanos when it was decided, by the deciding node's clock
 * @param fallback the backend span joined without ids, when one was found
 */
public record Verdict(
    TraceKey traceKey,
    String eventId,
    String appId,
    String sessionId,
    PropagationVerdict verdict,
    String reason,
    String headerFormats,
    String urlPattern,
    TraceId traceId,
    long resourceEpochNanos,
    long decidedAtNanos,
    @Nullable FallbackLink fallback) {

  /** Health is reported per hour of the resource's start. */
  public static final long REPORT_BUCKET_NANOS = 3_600_000_000_000L;

  public Verdict {
    requireNonNull(traceKey, "traceKey");
    requireNonNull(eventId, "eventId");
    requireNonNull(appId, "appId");
    requireNonNull(sessionId, "sessionId");
    requireNonNull(verdict, "verdict");
    requireNonNull(reason, "reason");
    requireNonNull(headerFormats, "headerFormats");
    requireNonNull(urlPattern, "urlPattern");
    requireNonNull(traceId, "traceId");
    if (verdict == PropagationVerdict.PENDING) {
      throw new IllegalArgumentException("verdict: pending (expected: a decided verdict; pending is the"
          + " absence of one)");
    }
  }

  /** The hour bucket the resource is reported in. */
  public long reportBucket() {
    return Math.floorDiv(resourceEpochNanos, REPORT_BUCKET_NANOS);
  }
}
