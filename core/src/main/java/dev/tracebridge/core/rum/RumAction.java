package dev.tracebridge.core.rum;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.model.Attributes;

/** A user action (click, tap, custom) and how long the work it started took. */
public record RumAction(
    String eventId,
    RumContext context,
    long epochNanos,
    long durationNanos,
    String actionType,
    String name,
    Attributes attributes) implements RumEvent {

  public RumAction {
    requireNonNull(eventId, "eventId");
    requireNonNull(context, "context");
    requireNonNull(actionType, "actionType");
    requireNonNull(name, "name");
    requireNonNull(attributes, "attributes");
  }
}
