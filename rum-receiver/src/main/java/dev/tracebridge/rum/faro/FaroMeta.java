package dev.tracebridge.rum.faro;

import dev.tracebridge.core.rum.RumContext;
import dev.tracebridge.rum.batch.EventFields;
import dev.tracebridge.rum.batch.InvalidEventException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The payload's {@code meta}: one application, session, user and page for every item of the batch
 * (Faro's batching transport groups items by meta). {@code app.name} is the application id; the session
 * falls back to the {@code x-faro-session-id} header.
 *
 * @param context null when the meta names no app, which makes every item invalid
 * @param pageUrl the page the items happened on, which becomes the batch's view
 * @param rest what else the meta holds (sdk, browser, page attributes...), kept on the view
 */
record FaroMeta(@Nullable RumContext context, @Nullable String pageUrl, EventFields rest) {

  static FaroMeta of(JsonNode meta, @Nullable String sessionHeader) {
    EventFields f = EventFields.copyOf(meta.isObject() ? (ObjectNode) meta
        : tools.jackson.databind.node.JsonNodeFactory.instance.objectNode());
    String app = blankToNull(f.scalarText("app.name"));
    Map<String, String> labels = new LinkedHashMap<>();
    putIfPresent(labels, "version", f.scalarText("app.version"));
    putIfPresent(labels, "env", f.scalarText("app.environment"));
    putIfPresent(labels, "namespace", f.scalarText("app.namespace"));
    JsonNode testSession = f.peek("session.attributes." + RumContext.TEST_SESSION);
    if (testSession != null && testSession.isString()) {
      labels.put(RumContext.TEST_SESSION, f.text("session.attributes." + RumContext.TEST_SESSION));
    }
    String session = blankToNull(f.scalarText("session.id"));
    if (session == null) session = blankToNull(sessionHeader);
    String pageId = blankToNull(f.scalarText("page.id"));
    String pageUrl = blankToNull(f.scalarText("page.url"));
    String user = blankToNull(f.scalarText("user.id"));
    RumContext context = app == null ? null
        : new RumContext(app, session, pageId != null ? pageId : pageUrl, pageUrl, user, labels);
    return new FaroMeta(context, pageUrl, f);
  }

  /** The batch's context, or the reason every item of the batch is rejected. */
  RumContext requireContext() {
    if (context == null) {
      throw new InvalidEventException("meta.app.name: missing (expected: the application's name)");
    }
    return context;
  }

  private static void putIfPresent(Map<String, String> labels, String key, @Nullable String value) {
    if (value != null && !value.isBlank()) labels.put(key, value);
  }

  private static @Nullable String blankToNull(@Nullable String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
