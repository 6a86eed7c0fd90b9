package dev.tracebridge.api.jaeger;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Jaeger's query JSON (its {@code model/json}): ids are lowercase hex, times and durations are
 * microseconds, tags are typed key-values, and each span names its process by an id that the trace's
 * {@code processes} map resolves.
 */
final class JaegerJson {
  static final String CHILD_OF = "CHILD_OF";
  static final String FOLLOWS_FROM = "FOLLOWS_FROM";

  private JaegerJson() {}

  /** Every answer: {@code data} and the paging fields Jaeger always sends, and {@code errors} or null. */
  record Response(@Nullable Object data, int total, int limit, int offset, @Nullable List<Error> errors) {
    static Response of(List<?> data) {
      return new Response(data, data.size(), 0, 0, null);
    }
  }

  /**
   * An error answer: Jaeger's envelope (what its clients read) with the RFC 9457 problem fields beside
   * it (what every other Tracebridge client reads).
   */
  record ErrorResponse(@Nullable Object data, int total, int limit, int offset, List<Error> errors,
      String type, String title, int status, String detail) {
    static ErrorResponse of(int status, String title, String detail) {
      return new ErrorResponse(null, 0, 0, 0, List.of(new Error(status, detail)), "about:blank", title, status,
          detail);
    }
  }

  record Error(int code, String msg) {}

  record Trace(String traceID, List<Span> spans, Map<String, Process> processes, List<String> warnings) {}

  record Span(String traceID, String spanID, int flags, String operationName, List<Reference> references,
      long startTime, long duration, List<KeyValue> tags, List<Log> logs, String processID,
      List<String> warnings) {}

  record Reference(String refType, String traceID, String spanID) {}

  record Process(String serviceName, List<KeyValue> tags) {}

  record Log(long timestamp, List<KeyValue> fields) {}

  /** {@code type} is string, bool, int64, float64 or binary (base64 text). */
  record KeyValue(String key, String type, Object value) {}
}
