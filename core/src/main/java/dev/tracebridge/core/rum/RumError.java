package dev.tracebridge.core.rum;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.model.Attributes;
import java.util.List;

/** An error the browser saw: a thrown exception, a console error, a failed request. */
public record RumError(
    String eventId,
    RumContext context,
    long epochNanos,
    String message,
    String errorType,
    String stack,
    String source,
    List<PropagatedContext> propagation,
    Attributes attributes) implements RumEvent {

  public RumError {
    requireNonNull(eventId, "eventId");
    requireNonNull(context, "context");
    requireNonNull(message, "message");
    requireNonNull(errorType, "errorType");
    requireNonNull(stack, "stack");
    requireNonNull(source, "source");
    propagation = List.copyOf(propagation);
    requireNonNull(attributes, "attributes");
  }
}
