package dev.tracebridge.api.jaeger;

import dev.tracebridge.api.analysis.BrowserTimeline;
import dev.tracebridge.core.join.JoinedTrace;
import dev.tracebridge.core.join.TraceLink;
import dev.tracebridge.core.model.AttributeValue;
import dev.tracebridge.core.model.Attributes;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.SpanEvent;
import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.SpanLink;
import dev.tracebridge.core.model.SpanStatus;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.rum.PropagatedContext;
import dev.tracebridge.core.rum.RumResource;
import dev.tracebridge.core.search.UrlPattern;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A joined trace in Jaeger's shape. Backend spans keep their ids and parents; each browser request
 * becomes a span of the {@code browser:<app>} service whose id is the span id it propagated, so the
 * backend span that continued it is its CHILD_OF without any rewriting. Its Resource Timing phases
 * become logs on it. Every span carries the joined trace's id, so a 64-bit browser id and the backend's
 * 128-bit id show as one trace.
 */
final class JaegerTraceConverter {
  private static final long NANOS_PER_MICRO = 1_000;
  private static final String BROWSER_PREFIX = "browser:";
  /** A browser request at or above this status failed on the server's side. */
  private static final int FIRST_SERVER_ERROR_STATUS = 500;
  /** A prime: the usual seed of a 64-bit string hash, which spreads short event ids over the id space. */
  private static final long ID_HASH_SEED = 1125899906842597L;

  private JaegerTraceConverter() {}

  static JaegerJson.Trace convert(JoinedTrace trace) {
    String traceId = jaegerId(trace.traceId());
    Processes processes = new Processes();
    List<JaegerJson.Span> spans = new ArrayList<>();
    Set<String> usedIds = new HashSet<>();
    for (Span span : trace.spans()) usedIds.add(span.spanId().toHex());

    Map<String, SpanId> propagatedByResource = new HashMap<>();
    for (TraceLink link : trace.links()) {
      propagatedByResource.putIfAbsent(link.resourceEventId(), link.propagatedSpanId());
    }
    for (RumResource resource : trace.resources()) {
      String spanId = resourceSpanId(resource, propagatedByResource.get(resource.eventId()), usedIds);
      usedIds.add(spanId);
      spans.add(resourceSpan(traceId, spanId, resource, processes));
    }
    for (Span span : trace.spans()) spans.add(backendSpan(traceId, span, processes));
    return new JaegerJson.Trace(traceId, spans, processes.byId, trace.warnings());
  }

  /** Jaeger prints a 64-bit id as 16 hex digits and a 128-bit one as 32. */
  static String jaegerId(TraceId id) {
    String hex = id.toHex();
    return id.is64Bit() ? hex.substring(16) : hex;
  }

  private static JaegerJson.Span backendSpan(String traceId, Span span, Processes processes) {
    List<JaegerJson.Reference> references = new ArrayList<>();
    if (span.parentSpanId() != null) {
      references.add(new JaegerJson.Reference(JaegerJson.CHILD_OF, traceId, span.parentSpanId().toHex()));
    }
    for (SpanLink link : span.links()) {
      references.add(new JaegerJson.Reference(JaegerJson.FOLLOWS_FROM, jaegerId(link.traceId()),
          link.spanId().toHex()));
    }
    List<JaegerJson.KeyValue> tags = tags(span.attributes());
    tags.add(string("span.kind", span.kind().name().toLowerCase(Locale.ROOT)));
    if (span.status().code() != SpanStatus.Code.UNSET) {
      tags.add(string("otel.status_code", span.status().code().name()));
      if (!span.status().message().isEmpty()) tags.add(string("otel.status_description", span.status().message()));
    }
    if (span.status().isError()) tags.add(new JaegerJson.KeyValue("error", "bool", true));
    if (!span.scope().name().isEmpty()) tags.add(string("otel.scope.name", span.scope().name()));
    if (!span.scope().version().isEmpty()) tags.add(string("otel.scope.version", span.scope().version()));
    List<JaegerJson.Log> logs = new ArrayList<>();
    for (SpanEvent event : span.events()) {
      List<JaegerJson.KeyValue> fields = new ArrayList<>();
      fields.add(string("event", event.name()));
      fields.addAll(tags(event.attributes()));
      logs.add(new JaegerJson.Log(event.epochNanos() / NANOS_PER_MICRO, fields));
    }
    String process = processes.id(span.serviceName(), tags(span.resource().attributes()));
    return new JaegerJson.Span(traceId, span.spanId().toHex(), span.flags(), span.name(), references,
        span.startEpochNanos() / NANOS_PER_MICRO, span.durationNanos() / NANOS_PER_MICRO, tags, logs, process,
        List.of());
  }

  private static JaegerJson.Span resourceSpan(String traceId, String spanId, RumResource resource,
      Processes processes) {
    List<JaegerJson.KeyValue> tags = new ArrayList<>();
    tags.add(string("span.kind", "client"));
    tags.add(string("http.method", resource.method()));
    tags.add(string("http.url", resource.url()));
    tags.add(new JaegerJson.KeyValue("http.status_code", "int64", (long) resource.statusCode()));
    tags.add(string("resource.type", resource.type().name().toLowerCase(Locale.ROOT)));
    if (resource.context().sessionId() != null) tags.add(string("session.id", resource.context().sessionId()));
    if (resource.context().viewId() != null) tags.add(string("view.id", resource.context().viewId()));
    if (resource.context().viewUrl() != null) tags.add(string("view.url", resource.context().viewUrl()));
    PropagatedContext primary = resource.primaryContext();
    if (primary != null) {
      tags.add(string("propagation.format", primary.format().wireName()));
      tags.add(string("propagation.sampling", primary.sampling().name().toLowerCase(Locale.ROOT)));
    }
    resource.context().labels().forEach((k, v) -> tags.add(string("label." + k, v)));
    if (resource.statusCode() == 0 || resource.statusCode() >= FIRST_SERVER_ERROR_STATUS) {
      tags.add(new JaegerJson.KeyValue("error", "bool", true));
    }
    List<JaegerJson.Log> logs = new ArrayList<>();
    for (BrowserTimeline.Phase phase : BrowserTimeline.phases(resource)) {
      logs.add(new JaegerJson.Log((resource.epochNanos() + phase.fromNanos()) / NANOS_PER_MICRO, List.of(
          string("event", phase.name()),
          new JaegerJson.KeyValue("duration_us", "int64", (phase.toNanos() - phase.fromNanos()) / NANOS_PER_MICRO))));
    }
    String app = resource.context().appId();
    String process = processes.id(BROWSER_PREFIX + app, List.of(string("app.id", app)));
    return new JaegerJson.Span(traceId, spanId, 1, resource.method() + " " + UrlPattern.of(resource.url()),
        List.of(), resource.epochNanos() / NANOS_PER_MICRO,
        BrowserTimeline.lengthNanos(resource) / NANOS_PER_MICRO, tags, logs, process, List.of());
  }

  /**
   * The id the backend knows the request by (the link's, else the primary context's); a request that
   * propagated none, or one already taken, gets a stable id derived from its event id.
   */
  private static String resourceSpanId(RumResource resource, @Nullable SpanId linked, Set<String> used) {
    SpanId id = linked;
    if (id == null && resource.primaryContext() != null) id = resource.primaryContext().spanId();
    if (id != null && !used.contains(id.toHex())) return id.toHex();
    long hash = ID_HASH_SEED;
    for (byte b : resource.eventId().getBytes(StandardCharsets.UTF_8)) hash = 31 * hash + b;
    String derived = SpanId.of(hash == 0 ? 1 : hash).toHex();
    while (used.contains(derived)) derived = SpanId.of(++hash == 0 ? 1 : hash).toHex();
    return derived;
  }

  private static List<JaegerJson.KeyValue> tags(Attributes attributes) {
    List<JaegerJson.KeyValue> tags = new ArrayList<>(attributes.size() + 4);
    attributes.forEach((key, value) -> tags.add(keyValue(key, value)));
    return tags;
  }

  private static JaegerJson.KeyValue keyValue(String key, AttributeValue value) {
    if (value instanceof AttributeValue.BoolValue b) return new JaegerJson.KeyValue(key, "bool", b.value());
    if (value instanceof AttributeValue.LongValue l) return new JaegerJson.KeyValue(key, "int64", l.value());
    if (value instanceof AttributeValue.DoubleValue d) return new JaegerJson.KeyValue(key, "float64", d.value());
    if (value instanceof AttributeValue.BytesValue b) {
      return new JaegerJson.KeyValue(key, "binary", Base64.getEncoder().encodeToString(b.value()));
    }
    // Strings, and arrays and maps as their text: Jaeger's tags hold no nested values.
    return string(key, value.asText());
  }

  private static JaegerJson.KeyValue string(String key, String value) {
    return new JaegerJson.KeyValue(key, "string", value);
  }

  /** Gives each distinct (service, tags) a process id, p1, p2... in order of appearance. */
  private static final class Processes {
    final Map<String, JaegerJson.Process> byId = new LinkedHashMap<>();
    private final Map<JaegerJson.Process, String> ids = new HashMap<>();

    String id(String serviceName, List<JaegerJson.KeyValue> tags) {
      JaegerJson.Process process = new JaegerJson.Process(serviceName, tags);
      return ids.computeIfAbsent(process, p -> {
        String id = "p" + (byId.size() + 1);
        byId.put(id, p);
        return id;
      });
    }
  }
}
