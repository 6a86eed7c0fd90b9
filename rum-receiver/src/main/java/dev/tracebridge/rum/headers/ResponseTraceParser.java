package dev.tracebridge.rum.headers;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.rum.HeaderFormat;
import dev.tracebridge.core.rum.PropagatedContext;
import dev.tracebridge.core.rum.Sampling;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Ids the server sent back, which is how a document load (which cannot carry request headers) and a
 * request whose headers were stripped are linked: the {@code traceresponse} header, a {@code Server-Timing}
 * metric named {@code traceparent} (or {@code traceresponse}) with the id in {@code desc}, and the
 * {@code <meta>} tags of a page: {@code traceparent} (OpenTelemetry), {@code dd-trace-id} (Datadog,
 * decimal) and {@code df-trace-id} (Guance). All become {@link HeaderFormat#RESPONSE} contexts; the same
 * context sent twice (header and Server-Timing) is kept once. Never throws for a value.
 */
public final class ResponseTraceParser {
  static final String TRACERESPONSE = "traceresponse";
  static final String SERVER_TIMING = "server-timing";
  static final String META_TRACEPARENT = "traceparent";
  static final String META_DATADOG = "dd-trace-id";
  static final String META_GUANCE = "df-trace-id";
  private static final String DESC = "desc";

  /**
   * @param responseHeaders response header names in any case
   * @param documentMeta {@code <meta>} names in any case and their content
   * @param errors where malformed values are described
   */
  public List<PropagatedContext> parse(Map<String, String> responseHeaders, Map<String, String> documentMeta,
      List<String> errors) {
    requireNonNull(responseHeaders, "responseHeaders");
    requireNonNull(documentMeta, "documentMeta");
    requireNonNull(errors, "errors");
    Set<PropagatedContext> found = new LinkedHashSet<>();
    RequestHeaders response = RequestHeaders.of(responseHeaders, errors);
    addTraceparent(TRACERESPONSE, response.get(TRACERESPONSE), found, errors);
    String serverTiming = response.get(SERVER_TIMING);
    if (serverTiming != null) {
      for (ServerTimingParser.Metric metric : ServerTimingParser.parse(serverTiming)) {
        if (metric.name().equals(META_TRACEPARENT) || metric.name().equals(TRACERESPONSE)) {
          String desc = metric.params().get(DESC);
          if (desc == null) {
            errors.add(SERVER_TIMING + ": metric " + metric.name() + " has no desc (expected: the id in desc)");
          } else {
            addTraceparent(SERVER_TIMING + " " + metric.name(), desc, found, errors);
          }
        }
      }
    }
    RequestHeaders meta = RequestHeaders.of(documentMeta, errors);
    addTraceparent("meta " + META_TRACEPARENT, meta.get(META_TRACEPARENT), found, errors);
    addDecimal("meta " + META_DATADOG, meta.get(META_DATADOG), found, errors);
    String guance = meta.get(META_GUANCE);
    if (guance != null) {
      TraceId id = LooseTraceIds.traceId("meta " + META_GUANCE, guance, errors);
      if (id != null) found.add(new PropagatedContext(HeaderFormat.RESPONSE, id, null, Sampling.UNKNOWN));
    }
    return new ArrayList<>(found);
  }

  private static void addTraceparent(String label, @Nullable String value, Set<PropagatedContext> found,
      List<String> errors) {
    if (value == null) return;
    Traceparent tp = Traceparent.parse(label, value, errors);
    if (tp != null) {
      found.add(new PropagatedContext(HeaderFormat.RESPONSE, tp.traceId(), tp.spanId(), tp.sampling()));
    }
  }

  private static void addDecimal(String label, @Nullable String value, Set<PropagatedContext> found,
      List<String> errors) {
    if (value == null) return;
    try {
      if (!HexText.isDecimal(value)) {
        throw new IllegalArgumentException(HexText.quote(value) + " (expected: an unsigned decimal)");
      }
      found.add(new PropagatedContext(HeaderFormat.RESPONSE, TraceId.fromDecimal(value), null, Sampling.UNKNOWN));
    } catch (IllegalArgumentException e) {
      errors.add(label + ": " + e.getMessage());
    }
  }
}
