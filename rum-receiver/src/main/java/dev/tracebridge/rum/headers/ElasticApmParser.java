package dev.tracebridge.rum.headers;

import dev.tracebridge.core.rum.HeaderFormat;
import dev.tracebridge.core.rum.PropagatedContext;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Elastic APM's legacy {@code elastic-apm-traceparent}: the W3C layout under another name. */
final class ElasticApmParser implements FormatParser {
  static final String HEADER = "elastic-apm-traceparent";

  @Override
  public @Nullable PropagatedContext parse(RequestHeaders headers, List<String> errors) {
    String value = headers.get(HEADER);
    if (value == null) return null;
    Traceparent tp = Traceparent.parse(HEADER, value, errors);
    return tp == null ? null
        : new PropagatedContext(HeaderFormat.ELASTIC, tp.traceId(), tp.spanId(), tp.sampling());
  }
}
