package dev.tracebridge.rum.batch;

import dev.tracebridge.core.ingest.IngestRequest;

/**
 * Turns one intake request into core RUM events. Invalid events become rejections of the batch; a body
 * that cannot be read at all throws {@link RejectedBatchException}. Nothing else may escape.
 */
public interface RumBatchDecoder {

  DecodedBatch decode(IngestRequest request, DecodeLimits limits);
}
