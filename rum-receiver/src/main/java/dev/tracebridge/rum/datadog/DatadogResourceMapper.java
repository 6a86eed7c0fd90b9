package dev.tracebridge.rum.datadog;

import dev.tracebridge.core.model.Attributes;
import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.rum.HeaderFormat;
import dev.tracebridge.core.rum.PropagatedContext;
import dev.tracebridge.core.rum.ResourceType;
import dev.tracebridge.core.rum.RumContext;
import dev.tracebridge.core.rum.RumResource;
import dev.tracebridge.core.rum.Sampling;
import dev.tracebridge.rum.batch.EventFields;
import dev.tracebridge.rum.batch.InvalidEventException;
import dev.tracebridge.rum.batch.ResourcePhases;
import dev.tracebridge.rum.headers.LooseTraceIds;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Datadog {@code resource} event. Its trace context is not a header but {@code _dd.trace_id} /
 * {@code _dd.span_id}: decimal strings of the 64-bit ids, the span id being the parent the backend sees.
 * The SDK reports them only for requests it traced and sampled (browser-sdk
 * {@code computeRequestTracingInfo}), so they mean sampled unless a 0 % rule ({@code _dd.rule_psr}) says
 * otherwise. On the initial {@code document} resource the id comes from the page's
 * {@code <meta name="dd-trace-id">}, which the server wrote: a response-side context.
 */
final class DatadogResourceMapper {
  static final String HEADER_ERRORS_ATTRIBUTE = "trace.header_errors";
  private static final Set<String> CANONICAL_TYPES = Set.of("fetch", "xhr", "document", "other");
  private static final String DEFAULT_METHOD = "GET";
  private static final int MAX_STATUS = 999;

  private DatadogResourceMapper() {}

  static RumResource map(EventFields f, RumContext context, long epochNanos, ObjectNode original) {
    String id = DatadogEventMapper.id(f, "resource.id", original);
    String url = f.requiredText("resource.url");
    String rawType = f.text("resource.type");
    ResourceType type = rawType == null ? ResourceType.OTHER : ResourceType.fromName(rawType);
    String method = f.text("resource.method");
    long status = f.integer("resource.status_code").orElse(0);
    if (status < 0 || status > MAX_STATUS) {
      throw new InvalidEventException("resource.status_code: " + status + " (expected: 0 to " + MAX_STATUS + ")");
    }
    long duration = f.nanosIfNumber("resource.duration").orElse(0);

    ResourcePhases phases = new ResourcePhases();
    phase(f, "redirect", phases::redirect);
    phase(f, "dns", phases::dns);
    phase(f, "connect", phases::connect);
    phase(f, "ssl", phases::ssl);
    phase(f, "first_byte", phases::firstByte);
    phase(f, "download", phases::download);

    List<String> errors = new ArrayList<>();
    List<PropagatedContext> propagation = propagation(f, type, errors);
    Attributes.Builder attributes = Attributes.builder();
    if (rawType != null && !CANONICAL_TYPES.contains(rawType.toLowerCase(Locale.ROOT))) {
      attributes.put("resource.type", rawType);
    }
    if (!errors.isEmpty()) attributes.put(HEADER_ERRORS_ATTRIBUTE, String.join("; ", errors));
    return new RumResource(id, context, epochNanos, duration, type, url,
        method == null || method.isBlank() ? DEFAULT_METHOD : method, (int) status, phases.toTiming(),
        propagation, Map.of(), f.remainingInto(attributes).build());
  }

  /** Takes {@code resource.<name>: {start, duration}} when both are non-negative numbers. */
  private static void phase(EventFields f, String name, BiConsumer<Long, Long> apply) {
    String path = "resource." + name;
    JsonNode phase = f.peek(path);
    if (phase == null || !phase.isObject()) return;
    JsonNode start = phase.get("start");
    JsonNode duration = phase.get("duration");
    if (!isNonNegativeNumber(start) || !isNonNegativeNumber(duration)) return;
    f.take(path);
    apply.accept(start.asLong(), duration.asLong());
  }

  private static boolean isNonNegativeNumber(JsonNode node) {
    return node != null && node.isNumber() && node.doubleValue() >= 0 && node.doubleValue() < Long.MAX_VALUE;
  }

  private static List<PropagatedContext> propagation(EventFields f, ResourceType type, List<String> errors) {
    String trace = f.scalarText("_dd.trace_id");
    String span = f.scalarText("_dd.span_id");
    if (trace == null) return List.of();
    TraceId traceId = isDecimal(trace) ? decimalTrace(trace, errors)
        : LooseTraceIds.traceId("_dd.trace_id", trace, errors);
    if (traceId == null) return List.of();
    SpanId spanId = null;
    if (span != null) {
      spanId = isDecimal(span) ? decimalSpan(span, errors) : LooseTraceIds.spanId("_dd.span_id", span, errors);
    }
    JsonNode rate = f.peek("_dd.rule_psr");
    boolean zeroRate = rate != null && rate.isNumber() && rate.doubleValue() == 0;
    Sampling sampling = zeroRate ? Sampling.NOT_SAMPLED : Sampling.SAMPLED;
    HeaderFormat format = type == ResourceType.DOCUMENT ? HeaderFormat.RESPONSE : HeaderFormat.SDK_REPORTED;
    return List.of(new PropagatedContext(format, traceId, spanId, sampling));
  }

  private static @Nullable TraceId decimalTrace(String text, List<String> errors) {
    try {
      return TraceId.fromDecimal(text);
    } catch (IllegalArgumentException e) {
      errors.add("_dd.trace_id: " + e.getMessage());
      return null;
    }
  }

  private static @Nullable SpanId decimalSpan(String text, List<String> errors) {
    try {
      return SpanId.fromDecimal(text);
    } catch (IllegalArgumentException e) {
      errors.add("_dd.span_id: " + e.getMessage());
      return null;
    }
  }

  private static boolean isDecimal(String text) {
    return !text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9');
  }
}
