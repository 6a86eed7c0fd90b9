package dev.tracebridge.rum.nativeformat;

import dev.tracebridge.core.rum.PropagatedContext;
import dev.tracebridge.rum.batch.EventFields;
import dev.tracebridge.rum.headers.ResponseTraceParser;
import dev.tracebridge.rum.headers.TraceHeaderParser;
import dev.tracebridge.rum.headers.TraceHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The {@code trace} object of a resource or error: the raw request headers the browser sent
 * ({@code trace.headers}), what the server sent back ({@code trace.response_headers}) and a document's
 * {@code <meta>} tags ({@code trace.meta}).
 *
 * @param propagation request-side contexts first, then response-side ones
 * @param requestHeaders the raw request headers as reported, kept on the resource for diagnosis
 * @param baggageSessionId {@code session.id} from the baggage header, if any
 * @param errors malformed values that were skipped
 */
record NativeTraceFields(
    List<PropagatedContext> propagation,
    Map<String, String> requestHeaders,
    @Nullable String baggageSessionId,
    List<String> errors) {

  private static final TraceHeaderParser REQUEST = new TraceHeaderParser();
  private static final ResponseTraceParser RESPONSE = new ResponseTraceParser();

  static NativeTraceFields take(EventFields fields) {
    Map<String, String> requestHeaders = fields.textMap("trace.headers");
    Map<String, String> responseHeaders = fields.textMap("trace.response_headers");
    Map<String, String> meta = fields.textMap("trace.meta");
    TraceHeaders request = REQUEST.parse(requestHeaders);
    List<String> errors = new ArrayList<>(request.errors());
    List<PropagatedContext> propagation = new ArrayList<>(request.contexts());
    propagation.addAll(RESPONSE.parse(responseHeaders, meta, errors));
    return new NativeTraceFields(propagation, requestHeaders, request.sessionId(), errors);
  }
}
