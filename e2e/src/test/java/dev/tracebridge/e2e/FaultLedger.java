package dev.tracebridge.e2e;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a fault test's clients were told: which traces' spans and which RUM events the engine acknowledged
 * (those must all be readable afterwards), and every answer they got, counted by kind ("grpc OK",
 * "http 503", ...), so a test can assert that nothing but success and retryable refusals came back.
 */
final class FaultLedger {
  private final Set<String> ackedSpanTraces = ConcurrentHashMap.newKeySet();
  private final Set<String> ackedRumTraces = ConcurrentHashMap.newKeySet();
  private final ConcurrentHashMap<String, LongAdder> answers = new ConcurrentHashMap<>();

  void spansAcknowledged(List<String> traceIds) {
    ackedSpanTraces.addAll(traceIds);
  }

  void rumAcknowledged(List<String> traceIds) {
    ackedRumTraces.addAll(traceIds);
  }

  void answer(String kind) {
    answers.computeIfAbsent(kind, k -> new LongAdder()).increment();
  }

  Set<String> ackedSpanTraces() {
    return Set.copyOf(ackedSpanTraces);
  }

  Set<String> ackedRumTraces() {
    return Set.copyOf(ackedRumTraces);
  }

  Map<String, Long> answers() {
    Map<String, Long> out = new TreeMap<>();
    answers.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }
}
