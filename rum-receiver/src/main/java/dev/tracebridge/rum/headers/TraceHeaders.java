package dev.tracebridge.rum.headers;

import dev.tracebridge.core.rum.PropagatedContext;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a request's trace headers said.
 *
 * @param contexts one context per format found, in a fixed format order
 * @param baggage the decoded W3C baggage entries
 * @param errors one sentence per malformed value that was skipped
 */
public record TraceHeaders(List<PropagatedContext> contexts, Map<String, String> baggage, List<String> errors) {
  /** The baggage key Datadog RUM 7 puts the session id under. */
  public static final String BAGGAGE_SESSION_ID = "session.id";

  public TraceHeaders {
    contexts = List.copyOf(contexts);
    baggage = Map.copyOf(baggage);
    errors = List.copyOf(errors);
  }

  /** The session id the baggage carried, a fallback for an event that names none. */
  public @Nullable String sessionId() {
    String id = baggage.get(BAGGAGE_SESSION_ID);
    return id == null || id.isBlank() ? null : id;
  }
}
