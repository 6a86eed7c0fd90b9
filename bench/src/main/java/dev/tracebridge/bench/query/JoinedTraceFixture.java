package dev.tracebridge.bench.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One front-to-back trace of {@value #SPANS} backend spans and the browser request that started it, in
 * the wire formats real clients send: a native RUM batch (the view and the traced fetch with Resource
 * Timing and a W3C traceparent) and one OTLP/HTTP JSON export per backend service, as each service's
 * exporter would send its own spans.
 *
 * <p>Shape: a gateway SERVER span (the browser span's child) calls auth once and then checkout, inventory
 * and pricing in turn; each of those answers with a SERVER span holding {@value #QUERIES_PER_SERVICE}
 * database queries. 1 + 1 + 3 × (1 client + 1 server + 64 queries) = 200 spans.
 */
record JoinedTraceFixture(String traceId, String browserSpanId, long startMillis, String sessionId, String rumJson,
    List<String> otlpExports) {
  static final int SPANS = 200;
  static final int QUERIES_PER_SERVICE = 64;
  static final List<String> CALLED_SERVICES = List.of("checkout", "inventory", "pricing");
  /** Each called service takes this long, the queries spread evenly inside it. */
  private static final long SERVICE_MILLIS = 60;
  private static final long QUERY_MILLIS = 2;
  private static final long NANOS_PER_MILLI = 1_000_000;
  /** The fetch is 20 ms of network before the gateway answers and 10 ms after. */
  private static final long REQUEST_START_MILLIS = 20;

  static JoinedTraceFixture create(String app, long startMillis) {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    String traceId = hex(r.nextLong() | 1L << 60) + hex(r.nextLong() | 1);
    String browserSpanId = hex(r.nextLong() | 1);
    String session = "bench-" + hex(r.nextLong()).substring(0, 8);
    Exports exports = new Exports(traceId, startMillis + REQUEST_START_MILLIS);
    String gatewayId = exports.newId();
    long backendMillis = 5 + CALLED_SERVICES.size() * (SERVICE_MILLIS + 5);
    exports.span("gateway", gatewayId, browserSpanId, "POST /api/checkout", 2, 0, backendMillis, false);
    String authId = exports.newId();
    exports.span("gateway", authId, gatewayId, "auth.verify", 1, 1, 4, false);
    long at = 5;
    for (String service : CALLED_SERVICES) {
      String clientId = exports.newId();
      exports.span("gateway", clientId, gatewayId, "POST /" + service, 3, at, at + SERVICE_MILLIS, false);
      String serverId = exports.newId();
      exports.span(service, serverId, clientId, "POST /" + service, 2, at + 1, at + SERVICE_MILLIS - 1,
          service.equals("pricing"));
      for (int q = 0; q < QUERIES_PER_SERVICE; q++) {
        // Start times to the nanosecond, as SDKs record them: queries that agreed on every field, times
        // included, would be one span re-sent under new ids to the correlator, and shown once.
        long from = (at + 1) * NANOS_PER_MILLI
            + q * (SERVICE_MILLIS - 2 - QUERY_MILLIS) * NANOS_PER_MILLI / QUERIES_PER_SERVICE;
        exports.spanNanos(service, exports.newId(), serverId, "SELECT " + service + "_items", 3, from,
            from + QUERY_MILLIS * NANOS_PER_MILLI, false);
      }
      at += SERVICE_MILLIS + 5;
    }
    long durationMillis = REQUEST_START_MILLIS + backendMillis + 10;
    String rum = rumJson(app, session, traceId, browserSpanId, startMillis, durationMillis, backendMillis);
    return new JoinedTraceFixture(traceId, browserSpanId, startMillis, session, rum, exports.json());
  }

  private static String rumJson(String app, String session, String traceId, String spanId, long start,
      long durationMillis, long backendMillis) {
    String sessionJson = "\"app\":{\"id\":\"" + app + "\"},\"session\":{\"id\":\"" + session + "\"}";
    String viewId = "v-" + traceId.substring(0, 8);
    String view = "\"view\":{\"id\":\"" + viewId + "\",\"url\":\"https://shop.example/checkout\"}";
    long responseStart = REQUEST_START_MILLIS + backendMillis;
    return "[{\"type\":\"view\",\"date\":" + (start - 2_000) + "," + sessionJson + ",\"view\":{\"id\":\"" + viewId
        + "\",\"url\":\"https://shop.example/checkout\",\"loading_time_ms\":850}},"
        + "{\"type\":\"resource\",\"id\":\"res-" + traceId + "\",\"date\":" + start + "," + sessionJson + "," + view
        + ",\"resource\":{\"type\":\"fetch\",\"url\":\"https://api.shop.example/api/checkout/42\","
        + "\"method\":\"POST\",\"status_code\":500,\"duration_ms\":" + durationMillis + ","
        + "\"timing\":{\"fetch_start\":0,\"domain_lookup_start\":2,\"domain_lookup_end\":5,\"connect_start\":5,"
        + "\"secure_connection_start\":8,\"connect_end\":15,\"request_start\":" + REQUEST_START_MILLIS
        + ",\"response_start\":" + responseStart + ",\"response_end\":" + (durationMillis - 1) + "}},"
        + "\"trace\":{\"headers\":{\"traceparent\":\"00-" + traceId + "-" + spanId + "-01\"}}}]";
  }

  private static String hex(long value) {
    return String.format("%016x", value);
  }

  /** Spans grouped by service, each group one OTLP/JSON export. */
  private static final class Exports {
    private final String traceId;
    private final long originMillis;
    private final Map<String, List<String>> byService = new LinkedHashMap<>();

    Exports(String traceId, long originMillis) {
      this.traceId = traceId;
      this.originMillis = originMillis;
    }

    String newId() {
      return hex(ThreadLocalRandom.current().nextLong() | 1);
    }

    void span(String service, String id, String parent, String name, int kind, long fromMillis, long toMillis,
        boolean error) {
      spanNanos(service, id, parent, name, kind, fromMillis * NANOS_PER_MILLI, toMillis * NANOS_PER_MILLI, error);
    }

    /** A span whose start and end are given in nanoseconds after the fixture's origin. */
    void spanNanos(String service, String id, String parent, String name, int kind, long fromNanos, long toNanos,
        boolean error) {
      String status = error ? "{\"code\":2,\"message\":\"price service failed\"}" : "{\"code\":0}";
      String attributes = "{\"key\":\"http.request.method\",\"value\":{\"stringValue\":\"POST\"}},"
          + "{\"key\":\"server.address\",\"value\":{\"stringValue\":\"" + service + ".internal\"}},"
          + "{\"key\":\"db.system\",\"value\":{\"stringValue\":\"postgresql\"}},"
          + "{\"key\":\"http.response.status_code\",\"value\":{\"intValue\":" + (error ? 500 : 200) + "}},"
          + "{\"key\":\"thread.name\",\"value\":{\"stringValue\":\"http-nio-8080-exec-7\"}}";
      byService.computeIfAbsent(service, s -> new ArrayList<>()).add("{\"traceId\":\"" + traceId
          + "\",\"spanId\":\"" + id + "\",\"parentSpanId\":\"" + parent + "\",\"name\":\"" + name + "\",\"kind\":"
          + kind + ",\"startTimeUnixNano\":\"" + nanos(fromNanos) + "\",\"endTimeUnixNano\":\"" + nanos(toNanos)
          + "\",\"attributes\":[" + attributes + "],\"status\":" + status + "}");
    }

    List<String> json() {
      List<String> out = new ArrayList<>();
      byService.forEach((service, spans) -> out.add("{\"resourceSpans\":[{\"resource\":{\"attributes\":["
          + "{\"key\":\"service.name\",\"value\":{\"stringValue\":\"" + service + "\"}}]},\"scopeSpans\":[{\"scope\":"
          + "{\"name\":\"io.opentelemetry.bench\",\"version\":\"1.0\"},\"spans\":[" + String.join(",", spans)
          + "]}]}]}"));
      return out;
    }

    private String nanos(long offsetNanos) {
      return Long.toString(originMillis * NANOS_PER_MILLI + offsetNanos);
    }
  }
}
