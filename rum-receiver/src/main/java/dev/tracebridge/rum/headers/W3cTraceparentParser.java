package dev.tracebridge.rum.headers;

import dev.tracebridge.core.rum.HeaderFormat;
import dev.tracebridge.core.rum.PropagatedContext;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code traceparent}. Its {@code tracestate} carries vendor data, not ids: it stays raw in the
 * resource's trace headers. Datadog RUM's zero-padded 64-bit ids and Guance's {@code trace64+span64} ids
 * need nothing special here: both are valid 128-bit ids, and the canonical key handles the padding.
 */
final class W3cTraceparentParser implements FormatParser {
  static final String HEADER = "traceparent";

  @Override
  public @Nullable PropagatedContext parse(RequestHeaders headers, List<String> errors) {
    String value = headers.get(HEADER);
    if (value == null) return null;
    Traceparent tp = Traceparent.parse(HEADER, value, errors);
    return tp == null ? null : new PropagatedContext(HeaderFormat.W3C, tp.traceId(), tp.spanId(), tp.sampling());
  }
}
