package dev.tracebridge.core.search;

import static java.util.Objects.requireNonNull;

/**
 * The dimensions a rollup counts by: the RUM app, the view's route and the resource's URL pattern (both
 * {@link UrlPattern}s), and the backend service and operation that served the request. A dimension
 * that does not apply is empty: a backend request that no browser started has no app, view or URL; a
 * browser request no backend span answered has no service or operation.
 */
public record RollupKey(String appId, String viewRoute, String urlPattern, String service, String operation) {

  public RollupKey {
    requireNonNull(appId, "appId");
    requireNonNull(viewRoute, "viewRoute");
    requireNonNull(urlPattern, "urlPattern");
    requireNonNull(service, "service");
    requireNonNull(operation, "operation");
  }
}
