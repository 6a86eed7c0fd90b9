package dev.tracebridge.otlp;

import dev.tracebridge.core.ingest.IngestReceipt;
import org.jspecify.annotations.Nullable;

/**
 * What OTLP's {@code partial_success} tells the client: spans the decoder rejected plus any the sink
 * rejected, and why. Empty means a plain success, for which the spec wants {@code partial_success} unset.
 */
record PartialSuccess(long rejectedSpans, String errorMessage) {
  static final PartialSuccess NONE = new PartialSuccess(0, "");

  static PartialSuccess of(DecodedExport decoded, @Nullable IngestReceipt receipt) {
    long rejected = decoded.rejected();
    String message = decoded.rejectionMessage();
    if (receipt != null && (receipt.rejected() > 0 || !receipt.message().isEmpty())) {
      rejected += receipt.rejected();
      message = message.isEmpty() ? receipt.message() : message + "; " + receipt.message();
    }
    return rejected == 0 && message.isEmpty() ? NONE : new PartialSuccess(rejected, message);
  }

  boolean isEmpty() {
    return rejectedSpans == 0 && errorMessage.isEmpty();
  }
}
