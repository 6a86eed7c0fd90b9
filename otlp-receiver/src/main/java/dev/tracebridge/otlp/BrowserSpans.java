package dev.tracebridge.otlp;

import dev.tracebridge.core.model.Attributes;
import dev.tracebridge.core.model.InstrumentationScope;
import dev.tracebridge.core.model.Resource;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.SpanKind;
import dev.tracebridge.core.rum.ResourceType;
import org.jspecify.annotations.Nullable;

/**
 * Recognises the spans of the OpenTelemetry web SDK among OTLP spans, and which of them are browser
 * requests (RUM resources). A span comes from a browser when any of these says so:
 * <ul>
 *   <li>its resource: {@code telemetry.sdk.language=webjs} (sdk-trace-web's default resource), or a
 *       {@code browser.*} or {@code user_agent.original} attribute (the browser detector's);</li>
 *   <li>its instrumentation scope is one of the web instrumentations. They patch browser-only APIs
 *       ({@code instrumentation-fetch} says it does not instrument Node's fetch), so the scope alone is
 *       proof. It has to be: the captured OpenTelemetry web 2.12 export
 *       ({@code fixtures/otel-web-2.12/otlp-traces-1.json}) sets its own resource without
 *       {@code telemetry.sdk.language}, and its fetch and XHR spans carry no user agent.</li>
 * </ul>
 * Of those spans, the CLIENT spans of the fetch and XHR instrumentations and the {@code documentFetch}
 * and {@code resourceFetch} spans of the document-load instrumentation are requests. A user agent on a
 * span proves nothing: backend SERVER spans record their caller's.
 */
final class BrowserSpans {
  /** sdk-trace-web's value of {@code telemetry.sdk.language}. */
  static final String WEB_SDK_LANGUAGE = "webjs";
  static final String SDK_LANGUAGE = "telemetry.sdk.language";
  /** The browser detector's resource attributes: browser.brands, browser.platform, browser.mobile... */
  static final String BROWSER_ATTRIBUTE_PREFIX = "browser.";
  static final String USER_AGENT = "user_agent.original";

  /**
   * Scope names end with these. Matching the end also covers re-packagings of the same instrumentations
   * under another npm scope, which keep the package's base name.
   */
  static final String FETCH_SCOPE = "instrumentation-fetch";
  static final String XHR_SCOPE = "instrumentation-xml-http-request";
  static final String DOCUMENT_LOAD_SCOPE = "instrumentation-document-load";

  /** The document-load instrumentation's span names (its {@code AttributeNames} enum). */
  static final String DOCUMENT_FETCH = "documentFetch";
  static final String RESOURCE_FETCH = "resourceFetch";

  private BrowserSpans() {}

  /**
   * What kind of browser request the span records, or null when it is not a browser request. The cheap
   * checks come first: backend exports pass through here span by span.
   */
  static @Nullable ResourceType requestType(Span span) {
    String scope = span.scope().name();
    if (span.kind() == SpanKind.CLIENT && scope.endsWith(FETCH_SCOPE)) return ResourceType.FETCH;
    if (span.kind() == SpanKind.CLIENT && scope.endsWith(XHR_SCOPE)) return ResourceType.XHR;
    boolean documentLoad = span.name().equals(DOCUMENT_FETCH) || span.name().equals(RESOURCE_FETCH);
    if (!documentLoad || !isFromBrowser(span)) return null;
    // The document's own request, or a script, style sheet, image... that the page loaded.
    return span.name().equals(DOCUMENT_FETCH) ? ResourceType.DOCUMENT : ResourceType.OTHER;
  }

  /** Whether the span was recorded by an OpenTelemetry SDK running in a browser. */
  static boolean isFromBrowser(Span span) {
    return isWebInstrumentation(span.scope()) || isBrowserResource(span.resource());
  }

  private static boolean isWebInstrumentation(InstrumentationScope scope) {
    String name = scope.name();
    return name.endsWith(FETCH_SCOPE) || name.endsWith(XHR_SCOPE) || name.endsWith(DOCUMENT_LOAD_SCOPE);
  }

  private static boolean isBrowserResource(Resource resource) {
    Attributes attributes = resource.attributes();
    if (WEB_SDK_LANGUAGE.equals(attributes.getText(SDK_LANGUAGE))) return true;
    if (attributes.get(USER_AGENT) != null) return true;
    for (String key : attributes.asMap().keySet()) {
      if (key.startsWith(BROWSER_ATTRIBUTE_PREFIX)) return true;
    }
    return false;
  }
}
