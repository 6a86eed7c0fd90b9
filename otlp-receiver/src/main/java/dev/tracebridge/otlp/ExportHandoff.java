package dev.tracebridge.otlp;

import dev.tracebridge.core.ingest.IngestReceipt;
import dev.tracebridge.core.ingest.TelemetrySink;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.rum.RumEvent;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Hands a decoded export to the sink: its spans, and the RUM resources its browser spans describe
 * ({@link BrowserResources}). Both stages are started at once; the returned stage completes only when
 * both have, and succeeds only when both did, so a client is acknowledged only for what is durable on
 * both sides. A failed side fails the export and the client retries it all: spans are idempotent by id,
 * resources by their span-derived event id.
 */
final class ExportHandoff {
  private ExportHandoff() {}

  static CompletionStage<IngestReceipt> store(TelemetrySink sink, List<Span> spans) {
    List<RumEvent> resources = BrowserResources.of(spans);
    CompletableFuture<IngestReceipt> spansStored = started(() -> sink.acceptSpans(spans));
    if (resources.isEmpty()) return spansStored;
    CompletableFuture<IngestReceipt> resourcesStored = started(() -> sink.acceptRum(resources));
    return CompletableFuture.allOf(spansStored, resourcesStored)
        .thenApply(bothDone -> withResourceWarning(spansStored.join(), resourcesStored.join()));
  }

  /**
   * OTLP's partial success counts spans; every span was stored, so resources the sink refused as
   * invalid are only a warning in the message.
   */
  private static IngestReceipt withResourceWarning(IngestReceipt spans, IngestReceipt resources) {
    if (resources.rejected() == 0) return spans;
    String warning = resources.rejected() + " browser RUM resource(s) made from the spans not stored"
        + (resources.message().isEmpty() ? "" : ": " + resources.message());
    String message = spans.message().isEmpty() ? warning : spans.message() + "; " + warning;
    return new IngestReceipt(spans.accepted(), spans.rejected(), message);
  }

  /** A sink that throws instead of failing its stage is treated like one whose stage failed. */
  private static CompletableFuture<IngestReceipt> started(Supplier<CompletionStage<IngestReceipt>> call) {
    try {
      return call.get().toCompletableFuture();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
