package dev.tracebridge.rum.batch;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.rum.RumEvent;

/** A decoded event and its position in the batch, so a later refusal (app not allowed) can name it. */
public record BatchEvent(int index, RumEvent event) {

  public BatchEvent {
    requireNonNull(event, "event");
  }
}
