package dev.tracebridge.api.selfmetrics;

import static java.util.Objects.requireNonNull;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The engine's own metrics. Ingest code counts at its boundaries (the ingest servlet, the gRPC
 * interceptor, the sink decorator); {@link #render()} writes them in Prometheus' text format for
 * {@code /metrics}. Every name starts with {@code tracebridge_}; docs/operations.md lists them.
 */
public final class EngineMetrics {
  /** Label value for a request that no endpoint serves (unknown path). */
  public static final String UNKNOWN_ENDPOINT = "unknown";

  private final CounterFamily requests = new CounterFamily("tracebridge_ingest_requests_total",
      "Ingest requests answered, by endpoint, protocol and HTTP status (gRPC: status code name).",
      "endpoint", "protocol", "code");
  private final CounterFamily spans = new CounterFamily("tracebridge_ingest_spans_total",
      "Spans acknowledged as stored, by endpoint and protocol.", "endpoint", "protocol");
  private final CounterFamily rumEvents = new CounterFamily("tracebridge_ingest_rum_events_total",
      "RUM events (and RUM resources made from browser spans) acknowledged as stored, by endpoint.",
      "endpoint", "protocol");
  private final CounterFamily rejected = new CounterFamily("tracebridge_ingest_rejected_total",
      "Ingest requests refused, and items rejected inside accepted requests, by reason.", "reason");
  private final CounterFamily verdicts = new CounterFamily("tracebridge_verdicts_total",
      "Propagation-health verdicts decided by this node's checker, by verdict.", "verdict");
  private final SecondsHistogram writeSeconds = new SecondsHistogram("tracebridge_store_write_seconds",
      "Time from handing a decoded request to the store until it acknowledged or refused it.");
  private final LongAdder writesInFlight = new LongAdder();
  /** Gauges read at scrape time; sorted by name so a scrape reads the same way every time. */
  private final Map<String, Gauge> gauges = new ConcurrentSkipListMap<>();
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

  public EngineMetrics() {
    gauge("tracebridge_store_writes_in_flight", "Store writes started by ingest and not yet answered.",
        writesInFlight::sum);
    gauge("tracebridge_jvm_heap_used_bytes", "JVM heap in use.", () -> memory.getHeapMemoryUsage().getUsed());
    gauge("tracebridge_jvm_heap_max_bytes", "JVM heap limit (-Xmx); -1 when unbounded.", () -> {
      MemoryUsage heap = memory.getHeapMemoryUsage();
      return heap.getMax();
    });
  }

  /** Registers a gauge read at every scrape, e.g. a queue's depth. A second one of a name replaces the first. */
  public void gauge(String name, String help, LongSupplier value) {
    requireNonNull(name, "name");
    if (!name.startsWith("tracebridge_")) {
      throw new IllegalArgumentException("name: '" + name + "' (expected: starting with tracebridge_)");
    }
    gauges.put(name, new Gauge(requireNonNull(help, "help"), requireNonNull(value, "value")));
  }

  /** One ingest request answered with {@code code} (an HTTP status, or a gRPC status code's name). */
  public void answered(String endpoint, String protocol, String code) {
    requests.add(1, endpoint, protocol, code);
  }

  public void spansStored(String endpoint, String protocol, int count) {
    spans.add(count, endpoint, protocol);
  }

  public void rumEventsStored(String endpoint, String protocol, int count) {
    rumEvents.add(count, endpoint, protocol);
  }

  /** A refusal or rejection; reasons are a closed set of snake_case words (see docs/operations.md). */
  public void rejected(String reason, long count) {
    rejected.add(count, reason);
  }

  public void verdictsDecided(String verdict, int count) {
    verdicts.add(count, verdict);
  }

  /** Marks a store write as started; pass the result to {@link #writeEnded(long)}. */
  public long writeStarted() {
    writesInFlight.increment();
    return System.nanoTime();
  }

  public void writeEnded(long startedNanos) {
    writesInFlight.decrement();
    writeSeconds.observeNanos(System.nanoTime() - startedNanos);
  }

  long rejectedCount(String reason) {
    return rejected.value(reason);
  }

  long spansCount(String endpoint, String protocol) {
    return spans.value(endpoint, protocol);
  }

  /** Every metric, in Prometheus' text exposition format. */
  public String render() {
    StringBuilder out = new StringBuilder();
    requests.render(out);
    spans.render(out);
    rumEvents.render(out);
    rejected.render(out);
    writeSeconds.render(out);
    verdicts.render(out);
    gauges.forEach((name, gauge) -> {
      Exposition.header(out, name, gauge.help(), "gauge");
      out.append(name).append(' ').append(gauge.value().getAsLong()).append('\n');
    });
    return out.toString();
  }

  private record Gauge(String help, LongSupplier value) {}
}
