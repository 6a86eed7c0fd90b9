package dev.tracebridge.e2e;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads acknowledged data back through {@code GET /api/v1/traces/{id}} after a fault: every acknowledged
 * trace must have all its spans, every acknowledged RUM resource must be in its trace. Answers what is
 * missing, as sentences a failing test can print.
 */
final class FaultReadBack {
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final int READERS = 4;

  private FaultReadBack() {}

  static List<String> missing(FaultEngine engine, Set<String> spanTraces, Set<String> rumTraces)
      throws Exception {
    ExecutorService readers = Executors.newFixedThreadPool(READERS);
    try {
      List<Future<String>> checks = new ArrayList<>();
      for (String traceId : union(spanTraces, rumTraces)) {
        boolean spans = spanTraces.contains(traceId);
        boolean resource = rumTraces.contains(traceId);
        checks.add(readers.submit(() -> check(engine, traceId, spans, resource)));
      }
      List<String> missing = new ArrayList<>();
      for (Future<String> check : checks) {
        String problem = check.get();
        if (!problem.isEmpty()) missing.add(problem);
      }
      return missing;
    } finally {
      readers.shutdownNow();
    }
  }

  private static String check(FaultEngine engine, String traceId, boolean spans, boolean resource)
      throws Exception {
    HttpResponse<String> answer = engine.get("/api/v1/traces/" + traceId);
    if (answer.statusCode() != 200) return traceId + ": " + answer.statusCode() + " " + answer.body();
    JsonNode trace = JSON.readTree(answer.body());
    List<String> problems = new ArrayList<>();
    if (spans && trace.path("spans").size() != FaultTelemetry.SPANS_PER_TRACE) {
      problems.add(trace.path("spans").size() + " of " + FaultTelemetry.SPANS_PER_TRACE + " spans");
    }
    if (resource) {
      boolean found = false;
      for (JsonNode r : trace.path("rum").path("resources")) {
        found |= r.path("eventId").asString().equals(FaultTelemetry.eventId(traceId));
      }
      if (!found) problems.add("RUM resource " + FaultTelemetry.eventId(traceId) + " missing");
    }
    return problems.isEmpty() ? "" : traceId + ": " + String.join(", ", problems);
  }

  private static Collection<String> union(Set<String> a, Set<String> b) {
    java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>(a);
    all.addAll(b);
    return all;
  }
}
