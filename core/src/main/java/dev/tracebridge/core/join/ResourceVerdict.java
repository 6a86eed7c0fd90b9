package dev.tracebridge.core.join;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.health.PropagationVerdict;
import dev.tracebridge.core.rum.Sampling;

/**
 * What became of one browser resource's trace context, as shown with the joined trace: the browser's
 * own sampling decision (recorded whatever the verdict) and the propagation verdict, {@code pending}
 * until the checker decided it.
 *
 * @param browserSampling the decision the browser propagated with the request
 * @param reason what the rule saw, or why it is still pending
 */
public record ResourceVerdict(
    String resourceEventId, Sampling browserSampling, PropagationVerdict verdict, String reason) {

  public ResourceVerdict {
    requireNonNull(resourceEventId, "resourceEventId");
    requireNonNull(browserSampling, "browserSampling");
    requireNonNull(verdict, "verdict");
    requireNonNull(reason, "reason");
  }
}
