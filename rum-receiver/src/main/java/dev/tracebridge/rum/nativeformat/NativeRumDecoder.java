package dev.tracebridge.rum.nativeformat;

import dev.tracebridge.core.ingest.IngestRequest;
import dev.tracebridge.core.rum.RumEvent;
import dev.tracebridge.rum.batch.CompressedBody;
import dev.tracebridge.rum.batch.DecodeLimits;
import dev.tracebridge.rum.batch.DecodedBatch;
import dev.tracebridge.rum.batch.JsonBatchReader;
import dev.tracebridge.rum.batch.RumBatchDecoder;

/**
 * {@code POST /v1/rum}: a JSON array or NDJSON of native v1 events, plain or zlib/gzip-compressed. An
 * event of an unknown type is counted as skipped, so a newer client can send types this version does not
 * know yet without failing its batch.
 */
public final class NativeRumDecoder implements RumBatchDecoder {

  @Override
  public DecodedBatch decode(IngestRequest request, DecodeLimits limits) {
    byte[] body = CompressedBody.plainBytes(request.body(), limits.maxDecompressedBytes());
    DecodedBatch.Collector batch = DecodedBatch.collector(limits);
    JsonBatchReader.read(body, batch, (index, event) -> {
      RumEvent mapped = NativeEventMapper.map(event);
      if (mapped == null) {
        batch.skip();
      } else {
        batch.accept(index, mapped);
      }
    });
    return batch.build();
  }
}
