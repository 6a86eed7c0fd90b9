package dev.tracebridge.e2e;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Continues a trace from Datadog's {@code x-datadog-*} request headers, as a Datadog-instrumented
 * backend (dd-trace) would. The OpenTelemetry Java SDK and agent have no Datadog propagator
 * (REFERENCE.md §2: {@code OTEL_PROPAGATORS=datadog} stops the agent), so without this the test backend
 * would start a new trace for a request that carried only Datadog headers. Extract only: the backend
 * calls nothing downstream.
 *
 * <p>Datadog sends decimal 64-bit ids; the high 64 bits of a 128-bit trace id, when there are any, ride
 * in {@code x-datadog-tags} as {@code _dd.p.tid=<16 hex>}. Without them the trace id is zero-padded to
 * 128 bits, which is the id the backend then records (and Datadog's own backends show).
 */
final class BrowserDatadogPropagator implements TextMapPropagator {
  static final String TRACE_ID = "x-datadog-trace-id";
  static final String PARENT_ID = "x-datadog-parent-id";
  static final String SAMPLING_PRIORITY = "x-datadog-sampling-priority";
  static final String TAGS = "x-datadog-tags";
  private static final String HIGH_BITS_TAG = "_dd.p.tid=";
  /** The zero high half of a 64-bit trace id written as 128 bits. */
  private static final String ZERO_HIGH_BITS = "0000000000000000";
  private static final int HEX_DIGITS_64 = 16;

  @Override
  public List<String> fields() {
    return List.of(TRACE_ID, PARENT_ID, SAMPLING_PRIORITY, TAGS);
  }

  @Override
  public <C> void inject(Context context, @Nullable C carrier, TextMapSetter<C> setter) {
    // The test backend makes no outgoing calls; there is nothing to inject into.
  }

  @Override
  public <C> Context extract(Context context, @Nullable C carrier, TextMapGetter<C> getter) {
    String traceId = getter.get(carrier, TRACE_ID);
    String parentId = getter.get(carrier, PARENT_ID);
    if (traceId == null || parentId == null) return context;
    String low = hex64(traceId);
    String span = hex64(parentId);
    if (low == null || span == null) return context;
    String high = highBits(getter.get(carrier, TAGS));
    SpanContext remote = SpanContext.createFromRemoteParent(high + low, span,
        sampled(getter.get(carrier, SAMPLING_PRIORITY)) ? TraceFlags.getSampled() : TraceFlags.getDefault(),
        TraceState.getDefault());
    return remote.isValid() ? context.with(Span.wrap(remote)) : context;
  }

  /** An unsigned decimal 64-bit id as 16 lowercase hex digits, or null when it is not one. */
  static @Nullable String hex64(String decimal) {
    try {
      String hex = Long.toHexString(Long.parseUnsignedLong(decimal.strip()));
      return ZERO_HIGH_BITS.substring(hex.length()) + hex;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String highBits(@Nullable String tags) {
    if (tags == null) return ZERO_HIGH_BITS;
    for (String tag : tags.split(",")) {
      String t = tag.strip();
      if (t.startsWith(HIGH_BITS_TAG)) {
        String hex = t.substring(HIGH_BITS_TAG.length()).toLowerCase(Locale.ROOT);
        if (hex.length() == HEX_DIGITS_64 && hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
          return hex;
        }
      }
    }
    return ZERO_HIGH_BITS;
  }

  /** Datadog's priorities: 1 and 2 keep the trace, 0 and -1 drop it; absent means the backend decides. */
  private static boolean sampled(@Nullable String priority) {
    if (priority == null) return true;
    try {
      return Integer.parseInt(priority.strip()) > 0;
    } catch (NumberFormatException e) {
      return true;
    }
  }
}
