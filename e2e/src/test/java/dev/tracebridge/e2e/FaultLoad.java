package dev.tracebridge.e2e;

import io.opentelemetry.exporter.internal.FailedExportException;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Clients that keep sending while a fault test breaks things: span senders export traces over OTLP/gRPC
 * with the real OpenTelemetry SDK exporter (retries off, so each result is the engine's own answer), RUM
 * senders post native batches carrying those traces' traceparents. Every answer and every acknowledgement
 * goes to the {@link FaultLedger}. Each sender sends, waits for the answer, pauses, and sends again.
 */
final class FaultLoad implements AutoCloseable {
  /** An exporter's default timeout; an engine that answers later is, to the client, not answering. */
  static final Duration EXPORT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  /** Traces per request: a span export of 5 x 10 spans, a RUM batch of 5 resources. */
  private static final int TRACES_PER_REQUEST = 5;

  private final AtomicBoolean running = new AtomicBoolean(true);
  private final ExecutorService senders;
  private final OtlpGrpcSpanExporter exporter;
  private final HttpClient http;
  private final ExecutorService httpExecutor = Executors.newFixedThreadPool(2);

  private FaultLoad(FaultEngine engine, FaultLedger ledger, int spanSenders, int rumSenders, Duration pause) {
    this.senders = Executors.newFixedThreadPool(spanSenders + rumSenders);
    this.exporter = OtlpGrpcSpanExporter.builder().setEndpoint("http://127.0.0.1:" + engine.grpcPort)
        .setTimeout(EXPORT_TIMEOUT).setRetryPolicy(null).build();
    this.http = HttpClient.newBuilder().executor(httpExecutor).connectTimeout(Duration.ofSeconds(5)).build();
    URI rum = URI.create("http://127.0.0.1:" + engine.ingestPort + "/v1/rum");
    for (int i = 0; i < spanSenders; i++) senders.execute(() -> sendSpans(ledger, pause));
    for (int i = 0; i < rumSenders; i++) senders.execute(() -> sendRum(rum, ledger, pause));
  }

  static FaultLoad start(FaultEngine engine, FaultLedger ledger, int spanSenders, int rumSenders,
      Duration pause) {
    return new FaultLoad(engine, ledger, spanSenders, rumSenders, pause);
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    senders.shutdown();
    if (!senders.awaitTermination(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) senders.shutdownNow();
    exporter.shutdown().join(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    httpExecutor.shutdownNow();
  }

  private void sendSpans(FaultLedger ledger, Duration pause) {
    while (running.get()) {
      FaultTelemetry.Batch batch = FaultTelemetry.traces(TRACES_PER_REQUEST);
      CompletableResultCode result = exporter.export(batch.spans())
          .join(EXPORT_TIMEOUT.toSeconds() + 1, TimeUnit.SECONDS);
      if (result.isSuccess()) {
        ledger.spansAcknowledged(batch.traceIds());
        ledger.answer("grpc OK");
      } else {
        ledger.answer("grpc " + grpcFailure(result));
      }
      sleep(pause);
    }
  }

  private void sendRum(URI rum, FaultLedger ledger, Duration pause) {
    while (running.get()) {
      List<String> traceIds = new ArrayList<>();
      for (int i = 0; i < TRACES_PER_REQUEST; i++) traceIds.add(OtelTraces.traceId());
      HttpRequest request = HttpRequest.newBuilder(rum).timeout(EXPORT_TIMEOUT)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(FaultTelemetry.rumBatch(traceIds))).build();
      try {
        HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        int status = answer.statusCode();
        boolean retryAfter = answer.headers().firstValue("Retry-After").isPresent();
        ledger.answer("http " + status + (status == 429 || status == 503 ? (retryAfter ? " with Retry-After"
            : " WITHOUT Retry-After") : ""));
        if (status / 100 == 2) ledger.rumAcknowledged(traceIds);
      } catch (Exception e) {
        ledger.answer("http no answer (" + e.getClass().getSimpleName() + ")");
      }
      sleep(pause);
    }
  }

  /** The gRPC status the engine answered, or why there was no answer (the engine was down). */
  private static String grpcFailure(CompletableResultCode result) {
    Throwable failure = result.getFailureThrowable();
    if (failure instanceof FailedExportException.GrpcExportException grpc && grpc.failedWithResponse()) {
      return grpc.getResponse().getStatusCode().name();
    }
    if (failure == null) return "no answer (timed out)";
    Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
    return "no answer (" + cause.getClass().getSimpleName() + ")";
  }

  private void sleep(Duration pause) {
    if (pause.isZero()) return;
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      running.set(false);
      Thread.currentThread().interrupt();
    }
  }
}
