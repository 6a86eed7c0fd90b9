package dev.tracebridge.core.ingest;

import java.util.concurrent.CompletionStage;

/**
 * Trace data in OTLP/JSON found inside another intake's payload (Grafana Faro embeds its browser spans
 * under {@code traces}). A RUM receiver hands the bytes here; the engine decodes them with the OTLP
 * receiver and stores the spans, so that neither receiver imports the other.
 */
@FunctionalInterface
public interface EmbeddedTraces {

  /**
   * Decodes and stores the spans. Throws {@link IllegalArgumentException} at once when the bytes are
   * not OTLP/JSON; the stage completes when the spans are durable and fails with
   * {@link IngestRefusedException} when the client should retry.
   */
  CompletionStage<IngestReceipt> accept(byte[] otlpJson);
}
