package dev.tracebridge.core.model;

import static java.util.Objects.requireNonNull;

/** A timed event on a span; exception events keep all of their attributes (type, message, stacktrace). */
public record SpanEvent(
    String name, long epochNanos, Attributes attributes, int droppedAttributesCount) {

  public static final String EXCEPTION = "exception";

  public SpanEvent {
    requireNonNull(name, "name");
    requireNonNull(attributes, "attributes");
  }

  public boolean isException() {
    return EXCEPTION.equals(name);
  }
}
