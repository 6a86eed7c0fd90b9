package dev.tracebridge.otlp;

import dev.tracebridge.core.model.AttributeValue;
import dev.tracebridge.core.model.Attributes;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.rum.HeaderFormat;
import dev.tracebridge.core.rum.PropagatedContext;
import dev.tracebridge.core.rum.ResourceType;
import dev.tracebridge.core.rum.RumContext;
import dev.tracebridge.core.rum.RumEvent;
import dev.tracebridge.core.rum.RumResource;
import dev.tracebridge.core.rum.Sampling;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Turns the OpenTelemetry web SDK's request spans (see {@link BrowserSpans}) into RUM resources, so
 * browser spans exported straight to {@code /v1/traces} join backend traces like any RUM SDK's events.
 * The spans themselves are stored as spans too; this adds the browser's view of each request.
 */
final class BrowserResources {
  /** Event ids are derived from the span id, so a re-delivered export stores the same resource again. */
  static final String EVENT_ID_PREFIX = "otel-";
  static final String SESSION_ID = "session.id";
  static final String USER_ID = "user.id";
  static final String URL = "url.full";
  static final String LEGACY_URL = "http.url";
  static final String METHOD = "http.request.method";
  /** Semantic conventions put a method they do not know here, with {@code _OTHER} as the method. */
  static final String ORIGINAL_METHOD = "http.request.method_original";
  static final String OTHER_METHOD = "_OTHER";
  static final String LEGACY_METHOD = "http.method";
  static final String STATUS = "http.response.status_code";
  static final String LEGACY_STATUS = "http.status_code";
  static final String SERVICE_VERSION = "service.version";
  static final String ENVIRONMENT = "deployment.environment.name";
  static final String LEGACY_ENVIRONMENT = "deployment.environment";
  /** Documents and the resources a page loads are fetched with GET; the instrumentation records no method. */
  static final String DOCUMENT_METHOD = "GET";
  /** Status 0 is the RUM model's "no response seen"; HTTP statuses are three digits. */
  static final int NO_STATUS = 0;
  static final int MAX_STATUS = 999;
  /** W3C trace-flags: the sampled bit. OTLP keeps the W3C flags in the low byte of {@code flags}. */
  static final int SAMPLED_FLAG = 0x01;

  /** Attributes the typed fields of a resource hold; the rest stay in its attributes. */
  private static final Set<String> MAPPED = Set.of(URL, LEGACY_URL, METHOD, ORIGINAL_METHOD,
      LEGACY_METHOD, STATUS, LEGACY_STATUS, SESSION_ID, USER_ID);

  private BrowserResources() {}

  /** The RUM resources the export's browser request spans describe; empty for backend exports. */
  static List<RumEvent> of(List<Span> spans) {
    List<RumEvent> resources = null;
    Map<SpanId, Span> byId = null;
    for (Span span : spans) {
      ResourceType type = BrowserSpans.requestType(span);
      if (type == null) continue;
      if (resources == null) resources = new ArrayList<>();
      List<PropagatedContext> propagation;
      if (type == ResourceType.FETCH || type == ResourceType.XHR) {
        propagation = List.of(requestContext(span));
      } else {
        if (byId == null) byId = byId(spans);
        propagation = documentContext(span, type, byId);
      }
      resources.add(resource(span, type, propagation));
    }
    return resources == null ? List.of() : resources;
  }

  /**
   * The traceparent the fetch and XHR instrumentations inject carries the request span's trace id and
   * the span's OWN id as the parent id, and the span's flags. Verified against the real SDK's capture:
   * in {@code fixtures/otel-web-2.12} each traceparent a backend received
   * ({@code backend-received-headers.json}: {@code 00-70b7af70...-c6d0f991ef1dbd3e-01} and the others)
   * is {@code 00-<traceId>-<spanId>-01} of the matching CLIENT span in {@code otlp-traces-1.json}
   * (flags 257 = sampled plus "has is-remote"). The span cannot tell whether a header was sent: the
   * instrumentations inject only for same-origin URLs and {@code propagateTraceHeaderCorsUrls}
   * (the fixture's {@code notListed} request has a span but its backend got no header). The context is
   * recorded anyway; the join then finds no backend child, which propagation health reports.
   */
  private static PropagatedContext requestContext(Span span) {
    return new PropagatedContext(HeaderFormat.W3C, span.traceId(), span.spanId(), sampling(span.flags()));
  }

  /**
   * A document load cannot carry request headers. document-load continues the trace of the page's
   * {@code <meta name="traceparent">} instead: its root span ({@code documentLoad}) then has the
   * server's span as a remote parent, which is what the document's resource reports as the trace the
   * server returned. Without that meta tag the trace started in the browser and no server saw it; the
   * resources a page loaded never carry a header either.
   */
  private static List<PropagatedContext> documentContext(Span span, ResourceType type,
      Map<SpanId, Span> byId) {
    if (type != ResourceType.DOCUMENT) return List.of();
    Span root = span;
    // Bounded by the export's size: a cycle of parent ids in a malformed export must not loop forever.
    for (int hops = 0; hops < byId.size(); hops++) {
      SpanId parentId = root.parentSpanId();
      if (parentId == null) return List.of();
      Span parent = byId.get(parentId);
      if (parent == null || !parent.traceId().equals(root.traceId())) {
        return List.of(new PropagatedContext(HeaderFormat.RESPONSE, root.traceId(), parentId,
            sampling(root.flags())));
      }
      root = parent;
    }
    return List.of();
  }

  private static RumResource resource(Span span, ResourceType type, List<PropagatedContext> propagation) {
    Attributes attributes = span.attributes();
    String url = firstText(attributes, URL, LEGACY_URL);
    RumContext context = new RumContext(span.serviceName(),
        text(span, SESSION_ID), null, type == ResourceType.DOCUMENT ? url : null, text(span, USER_ID),
        labels(span));
    return new RumResource(EVENT_ID_PREFIX + span.spanId().toHex(), context, span.startEpochNanos(),
        span.durationNanos(), type, url == null ? "" : url, method(attributes, type),
        status(attributes), ResourceTimingEvents.of(span), propagation, Map.of(), rest(attributes));
  }

  /** Sampled when the sampled bit is set; flags 0 may be an exporter that predates the field. */
  private static Sampling sampling(int flags) {
    if (flags == 0) return Sampling.UNKNOWN;
    return (flags & SAMPLED_FLAG) != 0 ? Sampling.SAMPLED : Sampling.NOT_SAMPLED;
  }

  private static String method(Attributes attributes, ResourceType type) {
    String method = firstText(attributes, METHOD, LEGACY_METHOD);
    if (OTHER_METHOD.equals(method)) method = attributes.getText(ORIGINAL_METHOD);
    if (method != null && !method.isEmpty()) return method;
    return type == ResourceType.DOCUMENT || type == ResourceType.OTHER ? DOCUMENT_METHOD : "";
  }

  /** The response status, or 0 when the browser saw none (network error, CORS refusal) or it is unreadable. */
  private static int status(Attributes attributes) {
    AttributeValue value = attributes.get(STATUS);
    if (value == null) value = attributes.get(LEGACY_STATUS);
    long status;
    if (value instanceof AttributeValue.LongValue number) {
      status = number.value();
    } else if (value instanceof AttributeValue.StringValue text) {
      try {
        status = Long.parseLong(text.value().strip());
      } catch (NumberFormatException e) {
        return NO_STATUS;
      }
    } else {
      return NO_STATUS;
    }
    return status > 0 && status <= MAX_STATUS ? (int) status : NO_STATUS;
  }

  /** A span attribute, else the resource's (a session id may be set on either). */
  private static @Nullable String text(Span span, String key) {
    String value = span.attributes().getText(key);
    if (value == null || value.isEmpty()) value = span.resource().attributes().getText(key);
    return value == null || value.isEmpty() ? null : value;
  }

  private static @Nullable String firstText(Attributes attributes, String key, String legacyKey) {
    String value = attributes.getText(key);
    return value != null ? value : attributes.getText(legacyKey);
  }

  /** The labels other intakes fill from their SDK's service, version and env tags. */
  private static Map<String, String> labels(Span span) {
    Attributes resource = span.resource().attributes();
    Map<String, String> labels = new LinkedHashMap<>();
    String version = resource.getText(SERVICE_VERSION);
    if (version != null && !version.isEmpty()) labels.put("version", version);
    String env = firstText(resource, ENVIRONMENT, LEGACY_ENVIRONMENT);
    if (env != null && !env.isEmpty()) labels.put("env", env);
    return labels;
  }

  private static Attributes rest(Attributes attributes) {
    Attributes.Builder rest = Attributes.builder();
    attributes.forEach((key, value) -> {
      if (!MAPPED.contains(key)) rest.put(key, value);
    });
    return rest.build();
  }

  private static Map<SpanId, Span> byId(List<Span> spans) {
    Map<SpanId, Span> byId = new HashMap<>();
    for (Span span : spans) byId.putIfAbsent(span.spanId(), span);
    return byId;
  }
}
