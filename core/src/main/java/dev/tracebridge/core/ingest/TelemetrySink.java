package dev.tracebridge.core.ingest;

import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.rum.RumEvent;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Where receivers hand what they decoded. The stage completes when everything accepted is durable; it
 * fails with {@link IngestRefusedException} when the client must retry. Receivers know nothing else of
 * what happens behind it.
 */
public interface TelemetrySink {

  CompletionStage<IngestReceipt> acceptSpans(List<Span> spans);

  CompletionStage<IngestReceipt> acceptRum(List<RumEvent> events);
}
