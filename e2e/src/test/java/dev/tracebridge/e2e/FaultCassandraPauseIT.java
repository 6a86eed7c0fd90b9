package dev.tracebridge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded Cassandra stops answering for 30 s mid-load (SIGSTOP, then SIGCONT: a frozen VM or a
 * stop-the-world pause, the outage whose writes may or may not have landed). Meanwhile ingest answers only
 * success or retryable refusals (gRPC UNAVAILABLE / RESOURCE_EXHAUSTED, HTTP 429 / 503 with Retry-After),
 * nothing acknowledged is lost, the engine recovers by itself once Cassandra answers again, and an
 * application using the OpenTelemetry SDK's batch processor and OTLP exporter gets every span stored
 * through the exporter's own retries.
 */
class FaultCassandraPauseIT {
  private static final Duration BEFORE_OUTAGE = Duration.ofSeconds(8);
  private static final Duration OUTAGE = Duration.ofSeconds(30);
  private static final Duration AFTER_OUTAGE = Duration.ofSeconds(10);
  /** The engine must take writes again within this long of Cassandra's return (driver reconnect <= 10 s). */
  private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(30);
  /** The application's traces: one every 100 ms, a light steady load. */
  private static final Duration TRACE_EVERY = Duration.ofMillis(100);
  private static final Duration PROBE_PAUSE = Duration.ofMillis(200);
  private static final Set<String> RETRYABLE_OR_SUCCESS = Set.of("grpc OK", "grpc UNAVAILABLE",
      "grpc RESOURCE_EXHAUSTED", "http 202", "http 429 with Retry-After", "http 503 with Retry-After");
  /**
   * The SDK's retries are bounded by the export timeout and 5 attempts; the defaults (10 s, backoff from
   * 1 s) give up within a 30 s outage. An application that must ride out such an outage raises them, as
   * docs/operations.md says; what this test proves is that the engine's answers make those retries work.
   */
  private static final RetryPolicy OUTAGE_RETRIES = RetryPolicy.builder().setMaxAttempts(5)
      .setInitialBackoff(Duration.ofSeconds(10)).setMaxBackoff(Duration.ofSeconds(30)).setBackoffMultiplier(1.5)
      .build();
  private static final Duration EXPORT_TIMEOUT = Duration.ofMinutes(2);

  /**
   * Below the OTLP exporters' default 10 s timeout, so a write stuck on a silent Cassandra is answered
   * UNAVAILABLE while the client still listens (CassandraStoreConfig's own default is 5 s too).
   */
  private static final String REQUEST_TIMEOUT_UNDER_CLIENTS = "--tracebridge.cassandra.request-timeout=5s";
  private static final int NOT_READY = 503;

  @TempDir Path dir;

  @Test
  @Timeout(value = 12, unit = TimeUnit.MINUTES)
  void cassandraPaused30sMidLoad_onlyRetryableAnswersAndSdkRetriesDeliverEverything() throws Exception {
    try (FaultEngine engine = FaultEngine.start(dir.resolve("data"), REQUEST_TIMEOUT_UNDER_CLIENTS)) {
      Outage outage = Outage.run(engine);

      assertThat(outage.probes().answers().keySet()).as("only success or retryable refusals, never a 500")
          .isSubsetOf(RETRYABLE_OR_SUCCESS);
      assertThat(outage.probes().answers().keySet()).as("the outage was felt by the clients")
          .containsAnyOf("grpc UNAVAILABLE", "http 503 with Retry-After");
      assertThat(outage.recoveryMillis()).as("recovered by itself").isLessThanOrEqualTo(RECOVERY_LIMIT.toMillis());
      assertThat(outage.flushed()).as("the SDK exported everything in the end").isTrue();
      assertThat(FaultReadBack.missing(engine, outage.probes().ackedSpanTraces(), outage.probes().ackedRumTraces()))
          .as("acknowledged, then lost").isEmpty();
      assertThat(FaultReadBack.missing(engine, outage.appTraces(), Set.of()))
          .as("application traces the SDK's retries did not deliver").isEmpty();
    }
  }

  @Test
  @Timeout(value = 12, unit = TimeUnit.MINUTES)
  void cassandraPaused30sWithDefaults_answersWithinClientTimeoutsAndReadinessTurnsNotReady() throws Exception {
    try (FaultEngine engine = FaultEngine.start(dir.resolve("data"))) {
      Outage outage = Outage.run(engine);

      assertThat(outage.probes().answers().keySet()).as("answered (retryably) before the client gave up")
          .isSubsetOf(RETRYABLE_OR_SUCCESS);
      assertThat(outage.readiness()).as("readiness during the outage").containsKey(NOT_READY);
      assertThat(outage.recoveryMillis()).as("recovered by itself").isLessThanOrEqualTo(RECOVERY_LIMIT.toMillis());
    }
  }

  /** Load, a 30 s SIGSTOP of the embedded node, SIGCONT, more load, then the application's final flush. */
  private record Outage(FaultLedger probes, Set<String> appTraces, Map<Integer, Long> readiness,
      long recoveryMillis, boolean flushed) {

    static Outage run(FaultEngine engine) throws Exception {
      FaultLedger probes = new FaultLedger();
      Set<String> appTraces = ConcurrentHashMap.newKeySet();
      Map<Integer, Long> readiness = new TreeMap<>();
      long cassandra = engine.cassandraPid();
      SdkTracerProvider app = application(engine);
      Thread producer = new Thread(() -> produce(app.get("fault-app"), appTraces), "fault-app");
      long recoveryMillis;
      try (FaultLoad load = FaultLoad.start(engine, probes, 1, 1, PROBE_PAUSE)) {
        producer.start();
        Thread.sleep(BEFORE_OUTAGE.toMillis());
        FaultSignals.stop(cassandra);
        try {
          long outageEnd = System.nanoTime() + OUTAGE.toNanos();
          while (System.nanoTime() < outageEnd) {
            readiness.merge(engine.get("/api/v1/ready").statusCode(), 1L, Long::sum);
            Thread.sleep(1_000);
          }
        } finally {
          FaultSignals.resume(cassandra);
        }
        recoveryMillis = awaitRecovery(engine);
        Thread.sleep(AFTER_OUTAGE.toMillis());
        producer.interrupt();
        producer.join();
      }
      boolean flushed = app.forceFlush().join(EXPORT_TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS).isSuccess();
      app.shutdown().join(EXPORT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      System.out.printf("FaultCassandraPauseIT: readiness during the outage %s (status=seconds); engine took"
              + " writes again %d ms after SIGCONT; probe answers %s; application traces %d%n", readiness,
          recoveryMillis, probes.answers(), appTraces.size());
      return new Outage(probes, appTraces, readiness, recoveryMillis, flushed);
    }
  }

  private static SdkTracerProvider application(FaultEngine engine) {
    OtlpGrpcSpanExporter exporter = OtlpGrpcSpanExporter.builder()
        .setEndpoint("http://127.0.0.1:" + engine.grpcPort).setTimeout(EXPORT_TIMEOUT)
        .setRetryPolicy(OUTAGE_RETRIES).build();
    // A queue that holds the whole outage's spans, so anything lost would be the engine's doing.
    BatchSpanProcessor batches = BatchSpanProcessor.builder(exporter).setMaxQueueSize(100_000)
        .setScheduleDelay(Duration.ofMillis(500)).setExporterTimeout(EXPORT_TIMEOUT).build();
    return SdkTracerProvider.builder()
        .setResource(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "fault-app")))
        .addSpanProcessor(batches).build();
  }

  /** One 10-span trace every {@link #TRACE_EVERY} until interrupted, as a service handling requests. */
  private static void produce(Tracer tracer, Set<String> traceIds) {
    while (!Thread.currentThread().isInterrupted()) {
      Span root = tracer.spanBuilder("GET /api/cart").setSpanKind(SpanKind.SERVER).setNoParent().startSpan();
      for (int i = 1; i < FaultTelemetry.SPANS_PER_TRACE; i++) {
        tracer.spanBuilder("SELECT cart").setSpanKind(SpanKind.CLIENT).setParent(Context.root().with(root))
            .startSpan().end();
      }
      root.end();
      traceIds.add(root.getSpanContext().getTraceId());
      try {
        Thread.sleep(TRACE_EVERY.toMillis());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Milliseconds until a RUM batch is acknowledged again after Cassandra resumed. */
  private static long awaitRecovery(FaultEngine engine) throws Exception {
    long resumed = System.nanoTime();
    long deadline = resumed + RECOVERY_LIMIT.toNanos() * 2;
    while (System.nanoTime() < deadline) {
      HttpResponse<String> answer = engine.postIngest("/v1/rum", "application/json",
          FaultTelemetry.rumBatch(List.of(OtelTraces.traceId())));
      if (answer.statusCode() / 100 == 2) return (System.nanoTime() - resumed) / 1_000_000;
      Thread.sleep(250);
    }
    return Long.MAX_VALUE;
  }
}
