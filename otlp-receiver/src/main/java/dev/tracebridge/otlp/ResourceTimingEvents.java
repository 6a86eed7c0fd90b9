package dev.tracebridge.otlp;

import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.SpanEvent;
import dev.tracebridge.core.rum.ResourceTiming;
import org.jspecify.annotations.Nullable;

/**
 * Reads a browser span's Resource Timing marks back from its events. The OpenTelemetry web SDK
 * ({@code addSpanNetworkEvents} in sdk-trace-web) adds one event per non-zero mark of the request's
 * {@code PerformanceResourceTiming}, named as the mark ({@code fetchStart} ... {@code responseEnd}) and
 * timed at it. A mark it left out (zero: cross-origin without Timing-Allow-Origin, no TLS, a reused
 * connection) stays {@link ResourceTiming#UNKNOWN}. It exports no redirect marks.
 */
final class ResourceTimingEvents {
  static final String FETCH_START = "fetchStart";
  static final String DOMAIN_LOOKUP_START = "domainLookupStart";
  static final String DOMAIN_LOOKUP_END = "domainLookupEnd";
  static final String CONNECT_START = "connectStart";
  static final String SECURE_CONNECTION_START = "secureConnectionStart";
  static final String CONNECT_END = "connectEnd";
  static final String REQUEST_START = "requestStart";
  static final String RESPONSE_START = "responseStart";
  static final String RESPONSE_END = "responseEnd";

  private ResourceTimingEvents() {}

  /** The marks relative to the span's start, or null when the span has none of them. */
  static @Nullable ResourceTiming of(Span span) {
    long fetchStart = ResourceTiming.UNKNOWN;
    long domainLookupStart = ResourceTiming.UNKNOWN;
    long domainLookupEnd = ResourceTiming.UNKNOWN;
    long connectStart = ResourceTiming.UNKNOWN;
    long secureConnectionStart = ResourceTiming.UNKNOWN;
    long connectEnd = ResourceTiming.UNKNOWN;
    long requestStart = ResourceTiming.UNKNOWN;
    long responseStart = ResourceTiming.UNKNOWN;
    long responseEnd = ResourceTiming.UNKNOWN;
    boolean any = false;
    for (SpanEvent event : span.events()) {
      long mark = sinceStart(span, event);
      switch (event.name()) {
        case FETCH_START -> fetchStart = mark;
        case DOMAIN_LOOKUP_START -> domainLookupStart = mark;
        case DOMAIN_LOOKUP_END -> domainLookupEnd = mark;
        case CONNECT_START -> connectStart = mark;
        case SECURE_CONNECTION_START -> secureConnectionStart = mark;
        case CONNECT_END -> connectEnd = mark;
        case REQUEST_START -> requestStart = mark;
        case RESPONSE_START -> responseStart = mark;
        case RESPONSE_END -> responseEnd = mark;
        // The XHR instrumentation's open/send/loaded and document-load's DOM marks are not request phases.
        default -> {
          continue;
        }
      }
      any = true;
    }
    if (!any) return null;
    return new ResourceTiming(ResourceTiming.UNKNOWN, ResourceTiming.UNKNOWN, fetchStart,
        domainLookupStart, domainLookupEnd, connectStart, connectEnd, secureConnectionStart,
        requestStart, responseStart, responseEnd);
  }

  /**
   * A mark before the span's start becomes 0, not a negative offset: the fetch and XHR spans start on a
   * clock rounded to the millisecond (the fixture's starts end in 000000) while the marks keep
   * sub-millisecond precision, so a mark can land up to a millisecond "before" the request began.
   */
  private static long sinceStart(Span span, SpanEvent event) {
    return Math.max(0, event.epochNanos() - span.startEpochNanos());
  }
}
