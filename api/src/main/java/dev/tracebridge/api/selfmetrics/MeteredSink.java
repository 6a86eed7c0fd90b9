package dev.tracebridge.api.selfmetrics;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.ingest.IngestReceipt;
import dev.tracebridge.core.ingest.TelemetrySink;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.rum.RumEvent;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Counts what one ingest endpoint hands to the store: items stored and rejected, write latency, writes
 * in flight. One instance per endpoint, so the labels say where data came in.
 */
public final class MeteredSink implements TelemetrySink {
  private final TelemetrySink sink;
  private final EngineMetrics metrics;
  private final String endpoint;
  private final String protocol;

  public MeteredSink(TelemetrySink sink, EngineMetrics metrics, String endpoint, String protocol) {
    this.sink = requireNonNull(sink, "sink");
    this.metrics = requireNonNull(metrics, "metrics");
    this.endpoint = requireNonNull(endpoint, "endpoint");
    this.protocol = requireNonNull(protocol, "protocol");
  }

  @Override
  public CompletionStage<IngestReceipt> acceptSpans(List<Span> spans) {
    return timed(true, () -> sink.acceptSpans(spans));
  }

  @Override
  public CompletionStage<IngestReceipt> acceptRum(List<RumEvent> events) {
    return timed(false, () -> sink.acceptRum(events));
  }

  private CompletionStage<IngestReceipt> timed(boolean spans, Supplier<CompletionStage<IngestReceipt>> write) {
    long started = metrics.writeStarted();
    CompletionStage<IngestReceipt> stage;
    try {
      stage = write.get();
    } catch (RuntimeException e) {
      metrics.writeEnded(started);
      throw e;
    }
    // A refusal is counted where it is answered (servlet, gRPC interceptor), by the status the client saw.
    return stage.whenComplete((receipt, failure) -> {
      metrics.writeEnded(started);
      if (failure != null || receipt == null) return;
      if (spans) metrics.spansStored(endpoint, protocol, receipt.accepted());
      else metrics.rumEventsStored(endpoint, protocol, receipt.accepted());
      metrics.rejected(RejectReason.INVALID_ITEM, receipt.rejected());
    });
  }
}
