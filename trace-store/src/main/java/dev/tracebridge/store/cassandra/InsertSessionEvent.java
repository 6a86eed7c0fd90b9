package dev.tracebridge.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import dev.tracebridge.core.rum.RumEvent;
import dev.tracebridge.core.rum.RumView;
import java.nio.ByteBuffer;

/**
 * {@code INSERT INTO session_events}: one RUM event of a session timeline. A view's every document
 * version is its own row (the reader keeps the highest); any other event overwrites itself on re-delivery.
 */
final class InsertSessionEvent {
  static final String CQL = "INSERT INTO %s." + Schema.SESSION_EVENTS
      + " (app_id, session_id, bucket, event_nanos, event_id, document_version, event_kind, payload)"
      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) USING TTL ?";

  private InsertSessionEvent() {}

  static long documentVersion(RumEvent event) {
    return event instanceof RumView view ? view.documentVersion() : Schema.NO_DOCUMENT_VERSION;
  }

  /** Prepares the statement once per session and binds events to it. */
  static final class Factory {
    private final PreparedStatement statement;
    private final int ttlSeconds;

    Factory(CqlSession session, String keyspace, int ttlSeconds) {
      this.statement = session.prepare(CQL.formatted(keyspace));
      this.ttlSeconds = ttlSeconds;
    }

    BoundStatement event(SessionPartition partition, RumEvent event, int kind, byte[] payload) {
      return statement.boundStatementBuilder()
          .setString(0, partition.appId())
          .setString(1, partition.sessionId())
          .setInt(2, partition.bucket())
          .setLong(3, event.epochNanos())
          .setString(4, event.eventId())
          .setLong(5, documentVersion(event))
          .setByte(6, (byte) kind)
          .setByteBuffer(7, ByteBuffer.wrap(payload))
          .setInt(8, ttlSeconds)
          .setIdempotence(true)
          .build();
    }
  }
}
