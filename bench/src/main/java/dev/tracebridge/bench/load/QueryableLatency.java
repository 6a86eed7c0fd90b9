package dev.tracebridge.bench.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Ingest-to-queryable latency of sampled traces, as a user sees it: from the moment an export was sent
 * (and, separately, the moment its acknowledgement arrived) to the first {@code GET /api/v1/traces/{id}}
 * answering 200 with every span of the trace.
 */
final class QueryableLatency implements AutoCloseable {
  /** A trace not readable after this long counts as never queryable: far beyond any target. */
  private static final Duration GIVE_UP = Duration.ofSeconds(30);
  private static final long POLL_MICROS = 2_000;
  private static final int READERS = 2;
  /** Latencies are recorded in microseconds up to a minute, 3 significant digits. */
  private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(1);
  private static final int DIGITS = 3;
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final HttpClient http;
  private final Function<String, URI> traceUri;
  private final int spansPerTrace;
  private final ExecutorService readers = Executors.newFixedThreadPool(READERS, r -> {
    Thread t = new Thread(r, "queryable-reader");
    t.setDaemon(true);
    return t;
  });
  private final Recorder fromSend = new Recorder(MAX_MICROS, DIGITS);
  private final Recorder fromAck = new Recorder(MAX_MICROS, DIGITS);
  private final AtomicLong neverReadable = new AtomicLong();
  private final AtomicLong pending = new AtomicLong();

  QueryableLatency(HttpClient http, Function<String, URI> traceUri, int spansPerTrace) {
    this.http = http;
    this.traceUri = traceUri;
    this.spansPerTrace = spansPerTrace;
  }

  /** Starts polling for the trace unless both readers are busy (sampling must not become a load of its own). */
  void sample(String traceIdHex, long sentNanos, long ackedNanos) {
    if (pending.get() >= READERS) return;
    pending.incrementAndGet();
    readers.execute(() -> {
      try {
        poll(traceIdHex, sentNanos, ackedNanos);
      } finally {
        pending.decrementAndGet();
      }
    });
  }

  /** The latencies since the last call (sent→readable, acked→readable), and how many never became readable. */
  Snapshot snapshot() {
    return new Snapshot(fromSend.getIntervalHistogram(), fromAck.getIntervalHistogram(), neverReadable.getAndSet(0));
  }

  @Override
  public void close() {
    readers.shutdownNow();
  }

  private void poll(String traceIdHex, long sentNanos, long ackedNanos) {
    HttpRequest request = HttpRequest.newBuilder(traceUri.apply(traceIdHex)).timeout(GIVE_UP).build();
    long deadline = ackedNanos + GIVE_UP.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        long now = System.nanoTime();
        if (answer.statusCode() == 200 && spans(answer.body()) >= spansPerTrace) {
          fromSend.recordValue(Math.min(MAX_MICROS, (now - sentNanos) / 1_000));
          fromAck.recordValue(Math.min(MAX_MICROS, (now - ackedNanos) / 1_000));
          return;
        }
        TimeUnit.MICROSECONDS.sleep(POLL_MICROS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        // The engine is busy or restarting: keep polling until the deadline.
      }
    }
    neverReadable.incrementAndGet();
  }

  private static int spans(String body) {
    JsonNode trace = JSON.readTree(body);
    return trace.path("spans").size();
  }

  record Snapshot(Histogram fromSend, Histogram fromAck, long neverReadable) {}
}
