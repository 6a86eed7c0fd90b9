package dev.tracebridge.api.metrics;

import dev.tracebridge.core.join.JoinedTrace;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.rum.PropagatedContext;
import dev.tracebridge.core.rum.RumResource;
import java.util.OptionalLong;

/**
 * The minute a trace belongs to: the one its earliest span or browser request started in, by the
 * recorded clocks (the same times the store indexes). Rows a link brought in from another trace id do
 * not count: that trace is rolled up in its own minute.
 */
final class TraceMinute {
  private static final long NANOS_PER_MINUTE = 60_000_000_000L;

  private TraceMinute() {}

  static OptionalLong of(JoinedTrace trace) {
    TraceId id = trace.traceId();
    long earliest = Long.MAX_VALUE;
    for (Span span : trace.spans()) {
      if (span.traceId().sameTraceAs(id)) earliest = Math.min(earliest, span.startEpochNanos());
    }
    for (RumResource resource : trace.resources()) {
      if (carries(resource, id)) earliest = Math.min(earliest, resource.epochNanos());
    }
    return earliest == Long.MAX_VALUE ? OptionalLong.empty()
        : OptionalLong.of(Math.floorDiv(earliest, NANOS_PER_MINUTE));
  }

  private static boolean carries(RumResource resource, TraceId id) {
    for (PropagatedContext context : resource.propagation()) {
      if (context.traceId().sameTraceAs(id)) return true;
    }
    return false;
  }
}
