package dev.tracebridge.correlator.adjust;

import dev.tracebridge.core.health.ClockSample;
import dev.tracebridge.core.join.ClockCorrection;
import dev.tracebridge.core.join.LinkMatch;
import dev.tracebridge.core.join.TraceLink;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.rum.RumResource;
import dev.tracebridge.correlator.skew.CallerBounds;
import dev.tracebridge.correlator.skew.ClockSamples;
import dev.tracebridge.correlator.skew.OffsetEstimate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Puts every backend service it can on the browser's clock. Services the browser called are measured:
 * each linked request of the session bounds the offset (this trace's links, and the samples the
 * checker stored for the session's other requests), and the bounds are intersected. Services further
 * down are bounded by the spans that called them, level by level. A service no bound reaches gets no
 * correction: its times are shown as recorded, never guessed.
 */
final class ClockSkewAdjuster implements TraceAdjuster {

  @Override
  public void adjust(TraceDraft draft) {
    // Each span's service is looked up once: a lookup walks the span's resource attributes, and the
    // passes below would otherwise repeat it for every span, caller and level (a read profile showed
    // these lines at a tenth of the engine's samples for 200-span traces).
    List<Span> spans = draft.spans();
    String[] services = new String[spans.size()];
    Map<SpanId, String> serviceById = new HashMap<>(services.length * 4 / 3 + 1);
    for (int i = 0; i < services.length; i++) {
      services[i] = spans.get(i).serviceName();
      serviceById.putIfAbsent(spans.get(i).spanId(), services[i]); // as draft.span(id): the first copy
    }
    Map<String, ClockCorrection> byService = measured(draft, new HashSet<>(Arrays.asList(services)));
    boolean progress = !byService.isEmpty();
    while (progress) {
      progress = false;
      Map<String, List<CallerBounds.Call>> calls = new LinkedHashMap<>();
      for (int i = 0; i < services.length; i++) {
        Span callee = spans.get(i);
        if (byService.containsKey(services[i]) || callee.parentSpanId() == null) continue;
        String callerService = serviceById.get(callee.parentSpanId());
        if (callerService == null) continue;
        ClockCorrection callerCorrection = byService.get(callerService);
        if (callerCorrection == null) continue;
        Span caller = draft.span(callee.parentSpanId());
        if (caller == null) continue;
        calls.computeIfAbsent(services[i], s -> new ArrayList<>())
            .add(new CallerBounds.Call(caller, callerCorrection, callee));
      }
      for (Map.Entry<String, List<CallerBounds.Call>> e : calls.entrySet()) {
        byService.put(e.getKey(), CallerBounds.fromCallers(e.getKey(), e.getValue()));
        progress = true;
      }
    }
    List<ClockCorrection> corrections = new ArrayList<>(byService.values());
    corrections.sort(Comparator.comparing(ClockCorrection::service));
    for (ClockCorrection c : corrections) {
      if (c.basis() == ClockCorrection.Basis.INCONSISTENT_WINDOWS) {
        draft.warn("the request windows of session '" + c.sessionId() + "' to " + c.service()
            + " contradict each other; its clock offset is taken from the tightest one alone");
      }
    }
    draft.setClockCorrections(corrections);
  }

  /** Per service, the correction from the session (of the most samples) that measured it. */
  private static Map<String, ClockCorrection> measured(TraceDraft draft, Set<String> services) {
    Map<List<String>, ClockSample> samples = new LinkedHashMap<>();
    for (ClockSample stored : draft.evidence().clockSamples()) samples.put(key(stored), stored);
    for (TraceLink link : draft.links()) {
      if (link.match() == LinkMatch.FALLBACK) continue;
      RumResource resource = resource(draft, link.resourceEventId());
      Span server = draft.span(link.childSpanId());
      if (resource == null || server == null) continue;
      ClockSample sample = ClockSamples.of(resource, server);
      samples.put(key(sample), sample);
    }
    Map<String, Map<String, List<ClockSample>>> byServiceAndSession = new LinkedHashMap<>();
    for (ClockSample s : samples.values()) {
      if (!services.contains(s.service())) continue;
      byServiceAndSession.computeIfAbsent(s.service(), k -> new LinkedHashMap<>())
          .computeIfAbsent(s.sessionId(), k -> new ArrayList<>()).add(s);
    }
    Map<String, ClockCorrection> out = new LinkedHashMap<>();
    byServiceAndSession.forEach((service, bySession) -> {
      String session = "";
      List<ClockSample> most = List.of();
      for (Map.Entry<String, List<ClockSample>> e : bySession.entrySet()) {
        if (e.getValue().size() > most.size()) {
          session = e.getKey();
          most = e.getValue();
        }
      }
      out.put(service, OffsetEstimate.combine(service, session, most));
    });
    return out;
  }

  private static List<String> key(ClockSample s) {
    return List.of(s.appId(), s.sessionId(), s.service(), s.eventId());
  }

  private static @Nullable RumResource resource(TraceDraft draft, String eventId) {
    for (RumResource r : draft.resources()) {
      if (r.eventId().equals(eventId)) return r;
    }
    return null;
  }
}
