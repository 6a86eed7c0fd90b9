package dev.tracebridge.api.ingest;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.ingest.IngestReceipt;
import dev.tracebridge.core.ingest.TelemetrySink;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.rum.RumEvent;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The sink behind an ingest key bound to one app: RUM events (including the RUM resources the OTLP
 * receiver makes from browser spans, whose app is their service name) that claim another app are
 * rejected, so a key cannot write into another app's data. Spans pass: they belong to services, not apps.
 */
public final class AppBoundSink implements TelemetrySink {
  private final TelemetrySink sink;
  private final String app;

  public AppBoundSink(TelemetrySink sink, String app) {
    this.sink = requireNonNull(sink, "sink");
    this.app = requireNonNull(app, "app");
  }

  @Override
  public CompletionStage<IngestReceipt> acceptSpans(List<Span> spans) {
    return sink.acceptSpans(spans);
  }

  @Override
  public CompletionStage<IngestReceipt> acceptRum(List<RumEvent> events) {
    List<RumEvent> own = events.stream().filter(e -> app.equals(e.context().appId())).toList();
    int foreign = events.size() - own.size();
    if (foreign == 0) return sink.acceptRum(events);
    String why = foreign + " RUM events claim an app other than '" + app + "', the app of this ingest key";
    if (own.isEmpty()) return CompletableFuture.completedFuture(IngestReceipt.accepted(0).plusRejected(foreign, why));
    return sink.acceptRum(own).thenApply(receipt -> receipt.plusRejected(foreign, why));
  }
}
