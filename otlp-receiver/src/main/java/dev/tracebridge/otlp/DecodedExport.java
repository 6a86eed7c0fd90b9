package dev.tracebridge.otlp;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.model.Span;
import java.util.List;

/**
 * What one OTLP export decoded to: the valid spans, how many spans were rejected as invalid, and a
 * message for the client. The message says why spans were rejected and also carries warnings about data
 * that was accepted only in part (an oversized attribute dropped and counted); it is empty when there is
 * nothing to say. OTLP returns both through {@code partial_success}.
 */
public record DecodedExport(List<Span> spans, int rejected, String rejectionMessage) {

  public DecodedExport {
    spans = List.copyOf(spans);
    requireNonNull(rejectionMessage, "rejectionMessage");
    if (rejected < 0) {
      throw new IllegalArgumentException("rejected: " + rejected + " (expected: >= 0)");
    }
  }

  /** True when the client must be told something: rejected spans or a warning. */
  public boolean hasPartialSuccess() {
    return rejected > 0 || !rejectionMessage.isEmpty();
  }
}
