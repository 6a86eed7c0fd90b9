package dev.tracebridge.core.rum;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Who and where: the application, session, view and user an event belongs to. {@code labels} holds the
 * small context an SDK attaches (service, version, env, the extension's test-session label).
 */
public record RumContext(
    String appId,
    @Nullable String sessionId,
    @Nullable String viewId,
    @Nullable String viewUrl,
    @Nullable String userId,
    Map<String, String> labels) {

  /** The label the browser extension puts on every event of a tester's run. */
  public static final String TEST_SESSION = "test_session";

  public RumContext {
    requireNonNull(appId, "appId");
    labels = Map.copyOf(labels);
  }

  public static RumContext of(String appId, @Nullable String sessionId, @Nullable String viewId,
      @Nullable String viewUrl) {
    return new RumContext(appId, sessionId, viewId, viewUrl, null, Map.of());
  }
}
