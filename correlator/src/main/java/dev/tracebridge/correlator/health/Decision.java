package dev.tracebridge.correlator.health;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.health.FallbackLink;
import dev.tracebridge.core.health.PropagationVerdict;
import org.jspecify.annotations.Nullable;

/** What the rules concluded for one resource, with the sentence that says why. */
record Decision(PropagationVerdict verdict, String reason, @Nullable FallbackLink fallback) {

  Decision {
    requireNonNull(verdict, "verdict");
    requireNonNull(reason, "reason");
  }

  static Decision of(PropagationVerdict verdict, String reason) {
    return new Decision(verdict, reason, null);
  }
}
