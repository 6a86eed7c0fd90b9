package dev.tracebridge.core.rum;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.model.Attributes;
import java.util.Map;

/**
 * A page view. SDKs re-send a view as it grows; {@code documentVersion} orders the copies and the
 * highest wins. {@code timingsNanos} holds navigation and paint marks (loading_time, first_byte,
 * dom_interactive, largest_contentful_paint...) in nanoseconds after the view started.
 */
public record RumView(
    String eventId,
    RumContext context,
    long epochNanos,
    long durationNanos,
    String url,
    String referrer,
    long documentVersion,
    Map<String, Long> timingsNanos,
    Attributes attributes) implements RumEvent {

  public RumView {
    requireNonNull(eventId, "eventId");
    requireNonNull(context, "context");
    requireNonNull(url, "url");
    requireNonNull(referrer, "referrer");
    timingsNanos = Map.copyOf(timingsNanos);
    requireNonNull(attributes, "attributes");
  }
}
