package dev.tracebridge.rum;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.ingest.EmbeddedTraces;
import dev.tracebridge.core.ingest.IngestEndpoint;
import dev.tracebridge.core.ingest.IngestReceipt;
import dev.tracebridge.core.ingest.IngestRequest;
import dev.tracebridge.core.ingest.IngestResponse;
import dev.tracebridge.core.ingest.TelemetrySink;
import dev.tracebridge.rum.faro.FaroEmbeddedTraces;
import dev.tracebridge.rum.faro.FaroPayloadDecoder;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Grafana Faro's web SDK: {@code POST /v1/rum/faro} with its JSON payload (meta, events, exceptions,
 * measurements, logs, traces). With an {@link EmbeddedTraces} the OTLP spans Faro embeds are stored as
 * spans too, and the request is acknowledged only when both its RUM events and its spans are durable.
 */
public final class FaroEndpoint implements IngestEndpoint {
  public static final String PATH = "/v1/rum/faro";

  private final RumIntake withSpans;
  private final RumIntake withoutSpans;
  private final @Nullable EmbeddedTraces embeddedTraces;
  private final int maxDecompressedBytes;

  /** An intake that counts Faro's embedded OTLP spans but does not store them. */
  public FaroEndpoint(TelemetrySink sink, RumIntakeSettings settings) {
    this(sink, settings, null, System::nanoTime);
  }

  /** An intake that stores Faro's embedded OTLP spans through {@code embeddedTraces}. */
  public FaroEndpoint(TelemetrySink sink, RumIntakeSettings settings, EmbeddedTraces embeddedTraces) {
    this(sink, settings, requireNonNull(embeddedTraces, "embeddedTraces"), System::nanoTime);
  }

  FaroEndpoint(TelemetrySink sink, RumIntakeSettings settings, LongSupplier nanoClock) {
    this(sink, settings, null, nanoClock);
  }

  private FaroEndpoint(TelemetrySink sink, RumIntakeSettings settings,
      @Nullable EmbeddedTraces embeddedTraces, LongSupplier nanoClock) {
    this.withSpans = new RumIntake(sink, settings, new FaroPayloadDecoder(true), nanoClock);
    this.withoutSpans = new RumIntake(sink, settings, new FaroPayloadDecoder(false), nanoClock);
    this.embeddedTraces = embeddedTraces;
    this.maxDecompressedBytes = settings.maxDecompressedBytes();
  }

  @Override
  public String path() {
    return PATH;
  }

  @Override
  public CompletionStage<IngestResponse> handle(IngestRequest request) {
    byte[] traces = embeddedTraces == null || !"POST".equals(request.method()) ? null
        : FaroEmbeddedTraces.extract(request.body(), maxDecompressedBytes);
    if (traces == null) return withoutSpans.handle(request);
    CompletionStage<IngestReceipt> spans;
    try {
      spans = embeddedTraces.accept(traces);
    } catch (IllegalArgumentException invalidOtlp) {
      // The RUM part is still good; the receipt says the spans were not stored.
      return withoutSpans.handle(request);
    }
    CompletableFuture<IngestResponse> rum = withSpans.handle(request).toCompletableFuture();
    return spans.handle((receipt, failure) -> failure)
        .thenCombine(rum, (spanFailure, rumResponse) -> {
          if (spanFailure == null || rumResponse.status() >= 400) return rumResponse;
          // Spans not durable: the client must send the whole payload again (both sides are idempotent).
          return RumIntake.sinkFailure(spanFailure);
        });
  }
}
