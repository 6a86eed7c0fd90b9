package dev.tracebridge.rum.headers;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.rum.PropagatedContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parses the raw request headers an SDK reported (names in any case) into every trace context they
 * carry: a request sent with {@code traceparent}, {@code b3} and {@code x-datadog-*} at once (Datadog RUM's
 * "all propagators" mode) yields three contexts, so the correlator can tell which one the backend
 * continued. Never throws for a header's value; see {@link TraceHeaders#errors()}. Stateless and
 * thread-safe.
 */
public final class TraceHeaderParser {
  /** Fixed order: the order contexts appear in, so results are comparable across requests. */
  private static final List<FormatParser> FORMATS = List.of(
      new W3cTraceparentParser(),
      new B3SingleParser(),
      new B3MultiParser(),
      new JaegerParser(),
      new DatadogParser(),
      new GuanceParser(),
      new SkyWalkingParser(),
      new SentryParser(),
      new ElasticApmParser());

  private final BaggageParser baggage = new BaggageParser();

  public TraceHeaders parse(Map<String, String> rawHeaders) {
    requireNonNull(rawHeaders, "rawHeaders");
    List<String> errors = new ArrayList<>();
    RequestHeaders headers = RequestHeaders.of(rawHeaders, errors);
    List<PropagatedContext> contexts = new ArrayList<>();
    for (FormatParser format : FORMATS) {
      PropagatedContext context = format.parse(headers, errors);
      if (context != null) contexts.add(context);
    }
    return new TraceHeaders(contexts, baggage.parse(headers, errors), errors);
  }
}
