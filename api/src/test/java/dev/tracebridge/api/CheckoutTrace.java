package dev.tracebridge.api;

import java.util.concurrent.ThreadLocalRandom;

/**
 * One front-to-back checkout, as real clients send it to the ingest port: the browser's fetch (native
 * RUM with Resource Timing and a W3C traceparent), its view, an action and the error the page logged,
 * and the backend's spans over OTLP/HTTP JSON. The database call fails with an exception, the server
 * span fails above it, and the browser sees a 503.
 *
 * <p>Times are milliseconds after {@code startMillis}: fetch 0-120 (first byte at 112), server span
 * 20-110, database 30-100.
 */
public record CheckoutTrace(String traceId, String browserSpanId, String serverSpanId, String dbSpanId,
    String app, String sessionId, String viewId, long startMillis, String serverService) {

  public static CheckoutTrace startingAt(long startMillis) {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return new CheckoutTrace(hex(r.nextLong() | 1L << 60) + hex(r.nextLong() | 1), hex(r.nextLong() | 1),
        hex(r.nextLong() | 1), hex(r.nextLong() | 1), "shop-web", "s-" + hex(r.nextLong()).substring(0, 8),
        "v-" + hex(r.nextLong()).substring(0, 8), startMillis, "checkout");
  }

  /** The same trace with the server span reported by another service, to search for it alone. */
  public CheckoutTrace withServerService(String service) {
    return new CheckoutTrace(traceId, browserSpanId, serverSpanId, dbSpanId, app, sessionId, viewId, startMillis,
        service);
  }

  /** Native RUM events: the view, a click, the traced fetch and the error the page logged. */
  public String rumJson() {
    String session = "\"app\":{\"id\":\"" + app + "\"},\"session\":{\"id\":\"" + sessionId + "\"}";
    String context = session + ",\"view\":{\"id\":\"" + viewId + "\",\"url\":\"https://shop.example/checkout\"}";
    return "[{\"type\":\"view\",\"date\":" + (startMillis - 2_000) + "," + session
        + ",\"view\":{\"id\":\"" + viewId + "\",\"url\":\"https://shop.example/checkout\",\"loading_time_ms\":850}},"
        + "{\"type\":\"action\",\"date\":" + (startMillis - 5) + "," + context
        + ",\"action\":{\"type\":\"click\",\"name\":\"Place order\",\"duration_ms\":130}},"
        + "{\"type\":\"resource\",\"id\":\"res-" + traceId + "\",\"date\":" + startMillis + "," + context + ","
        + "\"resource\":{\"type\":\"fetch\",\"url\":\"https://api.shop.example/checkout/42\",\"method\":\"POST\","
        + "\"status_code\":503,\"duration_ms\":120,\"timing\":{\"fetch_start\":0,\"domain_lookup_start\":2,"
        + "\"domain_lookup_end\":5,\"connect_start\":5,\"secure_connection_start\":7,\"connect_end\":10,"
        + "\"request_start\":12,\"response_start\":112,\"response_end\":119}},"
        + "\"trace\":{\"headers\":{\"traceparent\":\"00-" + traceId + "-" + browserSpanId + "-01\"}}},"
        + "{\"type\":\"error\",\"date\":" + (startMillis + 121) + "," + context
        + ",\"error\":{\"message\":\"checkout failed: 503\",\"type\":\"Error\",\"source\":\"network\"}}]";
  }

  /** The backend's spans, OTLP/HTTP JSON: checkout's server span and its database call. */
  public String otlpJson() {
    return "{\"resourceSpans\":["
        + resourceSpans(serverService, span(serverSpanId, browserSpanId, "POST /checkout", 2, 20, 110,
            "{\"key\":\"http.response.status_code\",\"value\":{\"intValue\":503}}", "upstream failed", ""))
        + "," + resourceSpans("inventory-db", span(dbSpanId, serverSpanId, "SELECT stock", 3, 30, 100,
            "{\"key\":\"db.system\",\"value\":{\"stringValue\":\"postgresql\"}}", "statement timeout",
            ",\"events\":[{\"timeUnixNano\":\"" + nanos(100) + "\",\"name\":\"exception\",\"attributes\":["
                + "{\"key\":\"exception.type\",\"value\":{\"stringValue\":\"org.postgresql.util.PSQLException\"}},"
                + "{\"key\":\"exception.message\",\"value\":{\"stringValue\":\"canceling statement due to statement timeout\"}},"
                + "{\"key\":\"exception.stacktrace\",\"value\":{\"stringValue\":\"PSQLException: canceling\\n\\tat Inventory.reserve(Inventory.java:42)\"}}]}]"))
        + "]}";
  }

  public long minuteOfStart() {
    return Math.floorDiv(startMillis, 60_000L);
  }

  private String resourceSpans(String service, String span) {
    return "{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":{\"stringValue\":\"" + service
        + "\"}}]},\"scopeSpans\":[{\"scope\":{\"name\":\"io.opentelemetry.test\",\"version\":\"1.0\"},\"spans\":["
        + span + "]}]}";
  }

  private String span(String id, String parent, String name, int kind, long fromMs, long toMs, String attribute,
      String errorMessage, String events) {
    return "{\"traceId\":\"" + traceId + "\",\"spanId\":\"" + id + "\",\"parentSpanId\":\"" + parent + "\","
        + "\"name\":\"" + name + "\",\"kind\":" + kind + ",\"startTimeUnixNano\":\"" + nanos(fromMs) + "\","
        + "\"endTimeUnixNano\":\"" + nanos(toMs) + "\",\"attributes\":[" + attribute + "],"
        + "\"status\":{\"code\":2,\"message\":\"" + errorMessage + "\"}" + events + "}";
  }

  private String nanos(long offsetMs) {
    return Long.toString((startMillis + offsetMs) * 1_000_000L);
  }

  private static String hex(long value) {
    return String.format("%016x", value);
  }
}
