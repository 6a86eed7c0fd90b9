package dev.tracebridge.core.rum;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.model.Attributes;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A request the browser made (fetch, XHR, document load, other). {@code statusCode} 0 means the browser
 * saw no response (a CORS refusal, a network error, an abort). {@code propagation} holds every trace
 * context the request carried or its response returned; {@code traceHeaders} the raw header values as
 * reported, kept for diagnosis.
 */
public record RumResource(
    String eventId,
    RumContext context,
    long epochNanos,
    long durationNanos,
    ResourceType type,
    String url,
    String method,
    int statusCode,
    @Nullable ResourceTiming timing,
    List<PropagatedContext> propagation,
    Map<String, String> traceHeaders,
    Attributes attributes) implements RumEvent {

  public RumResource {
    requireNonNull(eventId, "eventId");
    requireNonNull(context, "context");
    requireNonNull(type, "type");
    requireNonNull(url, "url");
    requireNonNull(method, "method");
    propagation = List.copyOf(propagation);
    traceHeaders = Map.copyOf(traceHeaders);
    requireNonNull(attributes, "attributes");
  }

  /**
   * The context the join is keyed on: a request-side context with a full 128-bit id if there is one
   * (it is the more specific), else the first request-side one, else a response-side one.
   */
  public @Nullable PropagatedContext primaryContext() {
    PropagatedContext first = null;
    for (PropagatedContext c : propagation) {
      if (c.format() == HeaderFormat.RESPONSE) continue;
      if (!c.traceId().is64Bit()) return c;
      if (first == null) first = c;
    }
    if (first != null) return first;
    return propagation.isEmpty() ? null : propagation.get(0);
  }
}
