package dev.tracebridge.bench.load;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Open-loop load: exports leave on a fixed schedule whatever the engine answers, as independent services
 * would send them, so a slow engine shows up as growing latency and refusals rather than as a client that
 * politely slows down. Each export is a pre-encoded {@link TraceExportTemplate} with fresh trace ids sent as
 * raw bytes over OTLP/gRPC; for a share of its traces a native RUM batch goes to {@code POST /v1/rum} with
 * each trace's {@code traceparent}. Outstanding exports are capped; a send the cap stops is counted as
 * skipped, which marks the rate as beyond what the engine sustains.
 */
final class OpenLoopGenerator {
  /** Raw bytes in and out: the generator never encodes or decodes protobuf while it measures. */
  private static final MethodDescriptor.Marshaller<byte[]> RAW = new MethodDescriptor.Marshaller<>() {
    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  };
  private static final MethodDescriptor<byte[], byte[]> EXPORT =
      TraceServiceGrpc.getExportMethod().toBuilder(RAW, RAW).build();
  /** An OTLP exporter's default timeout (10 s); an answer later than that is a failure to the client. */
  private static final Duration EXPORT_DEADLINE = Duration.ofSeconds(10);
  /** Latencies in microseconds up to a minute, 3 significant digits. */
  private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(1);
  private static final int DIGITS = 3;
  /** About this many traces per second are followed until they are readable through the API. */
  private static final double QUERYABLE_SAMPLES_PER_SECOND = 20;
  /**
   * Browser sessions the RUM batches are spread over (sessions are partitions of their own). A batch is what
   * one browser page sends, so all of its resources share one session and view, as a browser SDK's batch does.
   */
  private static final int SESSIONS = 64;
  private static final HexFormat HEX = HexFormat.of();

  private final Channel channel;
  private final HttpClient http;
  private final URI rumUri;
  private final TraceExportTemplate template;
  private final double rumShare;
  private final int maxOutstanding;
  private final QueryableLatency queryable;
  private final SplittableRandom random = new SplittableRandom();

  OpenLoopGenerator(Channel channel, HttpClient http, URI rumUri, TraceExportTemplate template,
      double rumShare, int maxOutstanding, QueryableLatency queryable) {
    this.channel = channel;
    this.http = http;
    this.rumUri = rumUri;
    this.template = template;
    this.rumShare = rumShare;
    this.maxOutstanding = maxOutstanding;
    this.queryable = queryable;
  }

  /** Sends at {@code spansPerSecond} for {@code duration}, then waits for the answers still outstanding. */
  StepLoad run(double spansPerSecond, Duration duration) throws InterruptedException {
    Counters counters = new Counters();
    AcknowledgedTraces acked = new AcknowledgedTraces();
    double exportsPerSecond = spansPerSecond / template.spans();
    long intervalNanos = (long) (TimeUnit.SECONDS.toNanos(1) / exportsPerSecond);
    long exports = (long) (exportsPerSecond * duration.toSeconds());
    long sampleEvery = Math.max(1, Math.round(exportsPerSecond / QUERYABLE_SAMPLES_PER_SECOND));
    int rumTracesPerExport = (int) Math.round(rumShare * template.traces());
    long start = System.nanoTime();
    for (long i = 0; i < exports; i++) {
      long due = start + i * intervalNanos;
      long wait = due - System.nanoTime();
      if (wait > 0) LockSupport.parkNanos(wait);
      if (counters.outstanding.get() >= maxOutstanding) {
        counters.skipped.increment();
        continue;
      }
      long[] ids = new long[2 * template.traces()];
      byte[] body = template.next(random, ids, System.currentTimeMillis() * 1_000_000L);
      send(body, ids, i % sampleEvery == 0, counters, acked);
      if (rumTracesPerExport > 0) postRum(ids, rumTracesPerExport, counters, acked);
    }
    long sendNanos = System.nanoTime() - start;
    long drainDeadline = System.nanoTime() + EXPORT_DEADLINE.toNanos() * 2;
    while ((counters.outstanding.get() > 0 || counters.rumOutstanding.get() > 0)
        && System.nanoTime() < drainDeadline) {
      Thread.sleep(10);
    }
    return new StepLoad(spansPerSecond, sendNanos / 1e9, exports, counters.skipped.sum(),
        counters.acked.sum() * template.spans(), new TreeMap<>(counters.statuses()),
        counters.latency.getIntervalHistogram(), counters.rumAcked.sum(), new TreeMap<>(counters.rumStatuses()),
        acked);
  }

  private void send(byte[] body, long[] ids, boolean sampled, Counters counters, AcknowledgedTraces acked) {
    counters.outstanding.incrementAndGet();
    long sent = System.nanoTime();
    ClientCalls.asyncUnaryCall(channel.newCall(EXPORT, CallOptions.DEFAULT.withDeadlineAfter(
        EXPORT_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)), body, new StreamObserver<>() {
          @Override
          public void onNext(byte[] response) {}

          @Override
          public void onError(Throwable t) {
            done(Status.fromThrowable(t).getCode().name());
          }

          @Override
          public void onCompleted() {
            acked.spansAcknowledged(ids);
            counters.acked.increment();
            long now = System.nanoTime();
            if (sampled) queryable.sample(hex(ids[0], ids[1]), sent, now);
            done("OK");
          }

          private void done(String status) {
            counters.latency.recordValue(Math.min(MAX_MICROS, (System.nanoTime() - sent) / 1_000));
            counters.status(status);
            counters.outstanding.decrementAndGet();
          }
        });
  }

  private void postRum(long[] ids, int traces, Counters counters, AcknowledgedTraces acked) {
    StringBuilder batch = new StringBuilder("[");
    long date = System.currentTimeMillis();
    long[] rumIds = new long[2 * traces];
    String session = "load-session-" + random.nextInt(SESSIONS);
    for (int t = 0; t < traces; t++) {
      String traceId = hex(ids[2 * t], ids[2 * t + 1]);
      rumIds[2 * t] = ids[2 * t];
      rumIds[2 * t + 1] = ids[2 * t + 1];
      if (t > 0) batch.append(',');
      batch.append("{\"type\":\"resource\",\"id\":\"load-").append(traceId).append("\",\"date\":").append(date)
          .append(",\"app\":{\"id\":\"load-web\"},\"session\":{\"id\":\"").append(session)
          .append("\"},\"view\":{\"id\":\"").append(session)
          .append("-checkout\",\"url\":\"https://shop.example/checkout\"},")
          .append("\"resource\":{\"url\":\"https://api.shop.example/api/orders/").append(100_000 + t)
          .append("/checkout\",\"method\":\"POST\",\"status_code\":200,\"duration_ms\":48.5},")
          .append("\"trace\":{\"headers\":{\"traceparent\":\"00-").append(traceId).append('-')
          .append(String.format("%016x", random.nextLong() | 1)).append("-01\"}}}");
    }
    batch.append(']');
    counters.rumOutstanding.incrementAndGet();
    HttpRequest request = HttpRequest.newBuilder(rumUri).timeout(EXPORT_DEADLINE)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(batch.toString(), StandardCharsets.UTF_8)).build();
    http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((answer, failure) -> {
      if (failure != null) {
        counters.rumStatus(failure.getClass().getSimpleName());
      } else {
        counters.rumStatus(Integer.toString(answer.statusCode()));
        if (answer.statusCode() / 100 == 2) {
          acked.resourcesAcknowledged(rumIds);
          counters.rumAcked.add(traces);
        }
      }
      counters.rumOutstanding.decrementAndGet();
    });
  }

  static String hex(long high, long low) {
    return HEX.toHexDigits(high) + HEX.toHexDigits(low);
  }

  /** What one step's sends came to. */
  record StepLoad(double targetSpansPerSecond, double sendSeconds, long exportsScheduled, long skipped,
      long ackedSpans, Map<String, Long> statuses, Histogram exportLatencyMicros, long ackedResources,
      Map<String, Long> rumStatuses, AcknowledgedTraces acknowledged) {}

  private static final class Counters {
    final AtomicInteger outstanding = new AtomicInteger();
    final AtomicInteger rumOutstanding = new AtomicInteger();
    final LongAdder skipped = new LongAdder();
    final LongAdder acked = new LongAdder();
    final LongAdder rumAcked = new LongAdder();
    final Recorder latency = new Recorder(MAX_MICROS, DIGITS);
    private final ConcurrentHashMap<String, LongAdder> statuses = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LongAdder> rumStatuses = new ConcurrentHashMap<>();

    void status(String code) {
      statuses.computeIfAbsent(code, c -> new LongAdder()).increment();
    }

    void rumStatus(String code) {
      rumStatuses.computeIfAbsent(code, c -> new LongAdder()).increment();
    }

    Map<String, Long> statuses() {
      Map<String, Long> out = new TreeMap<>();
      statuses.forEach((k, v) -> out.put(k, v.sum()));
      return out;
    }

    Map<String, Long> rumStatuses() {
      Map<String, Long> out = new TreeMap<>();
      rumStatuses.forEach((k, v) -> out.put(k, v.sum()));
      return out;
    }
  }
}
