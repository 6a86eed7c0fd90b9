package dev.tracebridge.correlator.corpus;

import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.rum.HeaderFormat;
import dev.tracebridge.core.rum.PropagatedContext;
import dev.tracebridge.core.rum.Sampling;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * What a browser sent, and how it spelled the ids: every header format, 128- and 64-bit ids in each
 * spelling the formats use (decimal, 16-hex, zero-padded 32-hex, unpadded, upper case), several formats
 * at once with the same ids (Datadog RUM's default) and with different ids. Ids are parsed from their
 * spelling, as an intake does, so a spelling that did not normalise would fail the corpus.
 */
enum FormatPlan {
  W3C_128(false),
  W3C_64_ZERO_PADDED(true),
  B3_SINGLE_128(false),
  B3_SINGLE_64(true),
  B3_MULTI_64_UPPER_CASE(true),
  JAEGER_UNPADDED(true),
  DATADOG_DECIMAL(true),
  DATADOG_128_WITH_TID(false),
  GUANCE_DECIMAL(true),
  SENTRY_128(false),
  ELASTIC_128(false),
  SDK_REPORTED_DECIMAL(true),
  /** Datadog RUM 7: zero-padded traceparent, x-datadog-* decimal and _dd.trace_id, one id. */
  DATADOG_RUM_DEFAULT(true),
  W3C_AND_B3_SAME_IDS(false),
  /** Two SDKs injecting their own ids; the backend continues the B3 ones (last propagator wins). */
  W3C_AND_B3_DIFFERENT_IDS(false);

  private final boolean sixtyFourBit;

  FormatPlan(boolean sixtyFourBit) {
    this.sixtyFourBit = sixtyFourBit;
  }

  boolean isSixtyFourBit() {
    return sixtyFourBit;
  }

  /** A fresh trace id of the plan's width; 64-bit ones often with a leading zero nibble, to test padding. */
  TraceId newTraceId(Random random) {
    long low = random.nextLong() | 1;
    if (random.nextBoolean()) low >>>= 4;
    if (low == 0) low = 1;
    return sixtyFourBit ? TraceId.of(0, low) : TraceId.of(random.nextLong() | 1L << 60, low);
  }

  /**
   * The contexts the browser sent for trace {@code trace} and span {@code span}; for
   * {@link #W3C_AND_B3_DIFFERENT_IDS} the B3 pair is {@code otherTrace}/{@code otherSpan}.
   */
  List<PropagatedContext> contexts(TraceId trace, SpanId span, Sampling sampling, TraceId otherTrace,
      SpanId otherSpan) {
    List<PropagatedContext> out = new ArrayList<>();
    switch (this) {
      case W3C_128:
      case W3C_64_ZERO_PADDED:
        out.add(ctx(HeaderFormat.W3C, TraceId.fromHex(trace.toHex()), SpanId.fromHex(span.toHex()), sampling));
        break;
      case B3_SINGLE_128:
        out.add(ctx(HeaderFormat.B3_SINGLE, TraceId.fromHex(trace.toHex()), SpanId.fromHex(span.toHex()), sampling));
        break;
      case B3_SINGLE_64:
        out.add(ctx(HeaderFormat.B3_SINGLE, TraceId.fromHex(hex16(trace)), SpanId.fromHex(span.toHex()), sampling));
        break;
      case B3_MULTI_64_UPPER_CASE:
        out.add(ctx(HeaderFormat.B3_MULTI, TraceId.fromHex(hex16(trace).toUpperCase(Locale.ROOT)),
            SpanId.fromHex(span.toHex().toUpperCase(Locale.ROOT)), sampling));
        break;
      case JAEGER_UNPADDED:
        out.add(ctx(HeaderFormat.JAEGER, TraceId.fromHex(Long.toHexString(trace.low())),
            SpanId.fromHex(Long.toHexString(span.value())), sampling));
        break;
      case DATADOG_DECIMAL:
        out.add(ctx(HeaderFormat.DATADOG, decimal(trace), SpanId.fromDecimal(Long.toUnsignedString(span.value())),
            sampling));
        break;
      case DATADOG_128_WITH_TID:
        out.add(ctx(HeaderFormat.DATADOG, TraceId.of(trace.high(), decimal(trace).low()),
            SpanId.fromDecimal(Long.toUnsignedString(span.value())), sampling));
        break;
      case GUANCE_DECIMAL:
        out.add(ctx(HeaderFormat.GUANCE, decimal(trace), SpanId.fromDecimal(Long.toUnsignedString(span.value())),
            sampling));
        break;
      case SENTRY_128:
        out.add(ctx(HeaderFormat.SENTRY, TraceId.fromHex(trace.toHex()), SpanId.fromHex(span.toHex()), sampling));
        break;
      case ELASTIC_128:
        out.add(ctx(HeaderFormat.ELASTIC, TraceId.fromHex(trace.toHex()), SpanId.fromHex(span.toHex()), sampling));
        break;
      case SDK_REPORTED_DECIMAL:
        out.add(ctx(HeaderFormat.SDK_REPORTED, decimal(trace),
            SpanId.fromDecimal(Long.toUnsignedString(span.value())), sampling));
        break;
      case DATADOG_RUM_DEFAULT:
        out.add(ctx(HeaderFormat.W3C, TraceId.fromHex(trace.toHex()), SpanId.fromHex(span.toHex()), sampling));
        out.add(ctx(HeaderFormat.DATADOG, decimal(trace), SpanId.fromDecimal(Long.toUnsignedString(span.value())),
            sampling));
        out.add(ctx(HeaderFormat.SDK_REPORTED, decimal(trace),
            SpanId.fromDecimal(Long.toUnsignedString(span.value())), sampling));
        break;
      case W3C_AND_B3_SAME_IDS:
        out.add(ctx(HeaderFormat.W3C, TraceId.fromHex(trace.toHex()), span, sampling));
        out.add(ctx(HeaderFormat.B3_MULTI, TraceId.fromHex(trace.toHex()), span, sampling));
        break;
      case W3C_AND_B3_DIFFERENT_IDS:
        out.add(ctx(HeaderFormat.W3C, otherTrace, otherSpan, sampling));
        out.add(ctx(HeaderFormat.B3_MULTI, TraceId.fromHex(trace.toHex()), span, sampling));
        break;
      default:
        throw new IllegalStateException("unhandled plan " + this);
    }
    return out;
  }

  private static PropagatedContext ctx(HeaderFormat f, TraceId t, SpanId s, Sampling sampling) {
    return new PropagatedContext(f, t, s, sampling);
  }

  private static TraceId decimal(TraceId trace) {
    return TraceId.fromDecimal(Long.toUnsignedString(trace.low()));
  }

  private static String hex16(TraceId trace) {
    return trace.toHex().substring(16);
  }
}
