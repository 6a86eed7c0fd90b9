package dev.tracebridge.api.ingest;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.ingest.EmbeddedTraces;
import dev.tracebridge.core.ingest.IngestReceipt;
import dev.tracebridge.core.ingest.TelemetrySink;
import dev.tracebridge.otlp.DecodedExport;
import dev.tracebridge.otlp.MalformedExportException;
import dev.tracebridge.otlp.OtlpJsonTraceDecoder;
import java.util.concurrent.CompletionStage;

/**
 * Stores OTLP/JSON that another intake found inside its payload (Faro's {@code traces}) as spans,
 * decoded by the OTLP receiver exactly as if it had been posted to {@code /v1/traces}.
 */
public final class EmbeddedOtlpTraces implements EmbeddedTraces {
  private final OtlpJsonTraceDecoder decoder;
  private final TelemetrySink sink;

  public EmbeddedOtlpTraces(OtlpJsonTraceDecoder decoder, TelemetrySink sink) {
    this.decoder = requireNonNull(decoder, "decoder");
    this.sink = requireNonNull(sink, "sink");
  }

  @Override
  public CompletionStage<IngestReceipt> accept(byte[] otlpJson) {
    DecodedExport export;
    try {
      export = decoder.decode(otlpJson);
    } catch (MalformedExportException e) {
      throw new IllegalArgumentException("traces: " + e.getMessage(), e);
    }
    return sink.acceptSpans(export.spans())
        .thenApply(receipt -> receipt.plusRejected(export.rejected(), export.rejectionMessage()));
  }
}
