package dev.tracebridge.core.rum;

import dev.tracebridge.core.model.Attributes;

/**
 * Something a browser reported. {@link #eventId()} is stable across re-deliveries (an SDK's own id, or
 * a digest of the event when it has none), which is what makes storing an event twice harmless.
 */
public sealed interface RumEvent permits RumView, RumResource, RumError, RumAction, RumLongTask {

  String eventId();

  RumContext context();

  /** When it happened, by the browser's clock. */
  long epochNanos();

  /** What the SDK sent that the typed fields do not hold. */
  Attributes attributes();
}
