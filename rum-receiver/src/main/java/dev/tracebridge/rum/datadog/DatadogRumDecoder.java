package dev.tracebridge.rum.datadog;

import dev.tracebridge.core.ingest.IngestRequest;
import dev.tracebridge.core.rum.RumEvent;
import dev.tracebridge.rum.batch.CompressedBody;
import dev.tracebridge.rum.batch.DecodeLimits;
import dev.tracebridge.rum.batch.DecodedBatch;
import dev.tracebridge.rum.batch.JsonBatchReader;
import dev.tracebridge.rum.batch.RumBatchDecoder;

/**
 * A Datadog RUM batch: NDJSON, zlib or plain whatever the headers say. {@code vital}, {@code telemetry}
 * and any other type Tracebridge does not store are counted as skipped.
 */
public final class DatadogRumDecoder implements RumBatchDecoder {
  static final String FORWARD_PARAMETER = "ddforward";

  @Override
  public DecodedBatch decode(IngestRequest request, DecodeLimits limits) {
    DatadogForward forward = DatadogForward.parse(request.queryParameter(FORWARD_PARAMETER));
    byte[] body = CompressedBody.plainBytes(request.body(), limits.maxDecompressedBytes());
    DecodedBatch.Collector batch = DecodedBatch.collector(limits);
    batch.intakeKey(forward.clientToken());
    JsonBatchReader.readNdjson(body, batch, (index, event) -> {
      RumEvent mapped = DatadogEventMapper.map(event);
      if (mapped == null) {
        batch.skip();
      } else {
        batch.accept(index, mapped);
      }
    });
    return batch.build();
  }
}
