package dev.tracebridge.correlator.corpus;

import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.rum.RumResource;
import java.util.List;
import java.util.Map;

/**
 * A generated corpus: the requests with their truth, what reaches the engine and when, and the clock
 * errors the offsets must be measured against.
 *
 * @param sessionClockErrors per session, how far its browser's clock is off (nanoseconds)
 * @param serviceClockErrors per backend service, how far its clock is off
 */
record Corpus(List<CorpusCase> cases, List<Delivery> deliveries, Map<String, Long> sessionClockErrors,
    Map<String, Long> serviceClockErrors) {

  /** The true offset (browser clock minus service clock) of a session and a service. */
  long truthOffset(String session, String service) {
    return sessionClockErrors.get(session) - serviceClockErrors.get(service);
  }

  /** One ingest call: RUM events or spans, at an arrival time by the engine's clock. */
  record Delivery(long arrivalNanos, List<RumResource> resources, List<Span> spans) {}
}
