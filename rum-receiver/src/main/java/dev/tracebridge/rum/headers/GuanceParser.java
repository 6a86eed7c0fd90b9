package dev.tracebridge.rum.headers;

import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.rum.HeaderFormat;
import dev.tracebridge.core.rum.PropagatedContext;
import dev.tracebridge.core.rum.Sampling;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Guance's {@code x-gc-trace-id} / {@code x-gc-span-id}: decimal 64-bit ids its SDK adds beside a
 * zero-padded {@code traceparent} in its "W3C 64-bit" mode (datakit-js
 * {@code packages/rum/src/domain/tracing/w3cTraceParentTracer.js}). They carry no sampling flag of their
 * own; the {@code traceparent} sent with them does, so it is read from there when present.
 */
final class GuanceParser implements FormatParser {
  static final String TRACE_ID = "x-gc-trace-id";
  static final String SPAN_ID = "x-gc-span-id";

  @Override
  public @Nullable PropagatedContext parse(RequestHeaders headers, List<String> errors) {
    String trace = headers.get(TRACE_ID);
    if (trace == null) return null;
    if (!HexText.isDecimal(trace)) {
      errors.add(TRACE_ID + ": " + HexText.quote(trace) + " (expected: an unsigned decimal)");
      return null;
    }
    try {
      return new PropagatedContext(HeaderFormat.GUANCE, TraceId.fromDecimal(trace), spanId(headers, errors),
          samplingFromTraceparent(headers));
    } catch (IllegalArgumentException e) {
      errors.add(TRACE_ID + ": " + e.getMessage());
      return null;
    }
  }

  private static @Nullable SpanId spanId(RequestHeaders headers, List<String> errors) {
    String span = headers.get(SPAN_ID);
    if (span == null) return null;
    try {
      if (!HexText.isDecimal(span)) throw new IllegalArgumentException(span);
      return SpanId.fromDecimal(span);
    } catch (IllegalArgumentException e) {
      errors.add(SPAN_ID + ": " + HexText.quote(span) + " (expected: a non-zero unsigned decimal)");
      return null;
    }
  }

  private static Sampling samplingFromTraceparent(RequestHeaders headers) {
    String traceparent = headers.get(W3cTraceparentParser.HEADER);
    if (traceparent == null) return Sampling.UNKNOWN;
    // The W3C parser reports a malformed traceparent already; a second report would say nothing new.
    Traceparent tp = Traceparent.parse(W3cTraceparentParser.HEADER, traceparent, new ArrayList<>());
    return tp == null ? Sampling.UNKNOWN : tp.sampling();
  }
}
