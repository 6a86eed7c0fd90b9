package dev.tracebridge.core.rum;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.model.Attributes;

/** A main-thread task of 50 ms or more: the browser was busy and could not respond. */
public record RumLongTask(
    String eventId, RumContext context, long epochNanos, long durationNanos, Attributes attributes)
    implements RumEvent {

  public RumLongTask {
    requireNonNull(eventId, "eventId");
    requireNonNull(context, "context");
    requireNonNull(attributes, "attributes");
  }
}
