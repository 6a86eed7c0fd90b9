package dev.tracebridge.store.cassandra;

import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.tracebridge.core.health.FallbackLink;
import dev.tracebridge.core.health.PropagationVerdict;
import dev.tracebridge.core.health.Verdict;
import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.model.TraceKey;
import java.nio.ByteBuffer;

/**
 * The columns of a verdicts row, shared by the statements that write one (the first decision with IF NOT
 * EXISTS, a fallback's mirror row) and those that read one back. The fallback columns are left unset
 * when there is no fallback: a null written is a tombstone.
 */
final class VerdictColumns {
  static final String NAMES = "trace_key, event_id, home_key, app_id, session_id, verdict, reason, header_formats,"
      + " url_pattern, trace_id, resource_nanos, decided_nanos, fallback_trace_id, fallback_span_id,"
      + " fallback_confidence, fallback_basis";
  static final String MARKERS = "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?";
  /** The bind index of the TTL that follows the columns. */
  static final int TTL_INDEX = 16;

  private VerdictColumns() {}

  /** Binds {@code verdict} as the row of partition {@code partition}. */
  static BoundStatementBuilder bind(BoundStatementBuilder b, TraceKey partition, Verdict verdict) {
    b = b.setLong("trace_key", partition.value())
        .setString("event_id", verdict.eventId())
        .setLong("home_key", verdict.traceKey().value())
        .setString("app_id", verdict.appId())
        .setString("session_id", verdict.sessionId())
        .setString("verdict", verdict.verdict().wireName())
        .setString("reason", verdict.reason())
        .setString("header_formats", verdict.headerFormats())
        .setString("url_pattern", verdict.urlPattern())
        .setByteBuffer("trace_id", ByteBuffer.wrap(verdict.traceId().toBytes()))
        .setLong("resource_nanos", verdict.resourceEpochNanos())
        .setLong("decided_nanos", verdict.decidedAtNanos());
    FallbackLink fallback = verdict.fallback();
    if (fallback != null) {
      b = b.setByteBuffer("fallback_trace_id", ByteBuffer.wrap(fallback.traceId().toBytes()))
          .setLong("fallback_span_id", fallback.spanId().value())
          .setDouble("fallback_confidence", fallback.confidence())
          .setString("fallback_basis", fallback.basis());
    }
    return b;
  }

  static Verdict read(Row row) {
    FallbackLink fallback = null;
    ByteBuffer fallbackTrace = row.getByteBuffer("fallback_trace_id");
    if (fallbackTrace != null && !row.isNull("fallback_span_id")) {
      fallback = new FallbackLink(TraceId.fromBytes(bytes(fallbackTrace)), SpanId.of(row.getLong("fallback_span_id")),
          row.getDouble("fallback_confidence"), String.valueOf(row.getString("fallback_basis")));
    }
    return new Verdict(new TraceKey(row.getLong("home_key")), text(row, "event_id"), text(row, "app_id"),
        text(row, "session_id"), PropagationVerdict.fromWireName(text(row, "verdict")), text(row, "reason"),
        text(row, "header_formats"), text(row, "url_pattern"),
        TraceId.fromBytes(bytes(row.getByteBuffer("trace_id"))), row.getLong("resource_nanos"),
        row.getLong("decided_nanos"), fallback);
  }

  static byte[] bytes(ByteBuffer buffer) {
    byte[] out = new byte[buffer.remaining()];
    buffer.duplicate().get(out);
    return out;
  }

  private static String text(Row row, String column) {
    String value = row.getString(column);
    return value == null ? "" : value;
  }
}
