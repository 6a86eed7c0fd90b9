package dev.tracebridge.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import dev.tracebridge.core.health.Verdict;
import java.nio.ByteBuffer;

/** {@code INSERT INTO verdicts_by_app}: a standing verdict, as one row of its app's hourly health report. */
final class InsertVerdictByApp {
  static final String CQL = "INSERT INTO %s." + Schema.VERDICTS_BY_APP
      + " (app_id, hour, url_pattern, header_formats, verdict, event_id, trace_id, resource_nanos)"
      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) USING TTL ?";

  private InsertVerdictByApp() {}

  /** Prepares the statement once per session and binds verdicts to it. */
  static final class Factory {
    private final PreparedStatement statement;
    private final int ttlSeconds;

    Factory(CqlSession session, String keyspace, int ttlSeconds) {
      this.statement = session.prepare(CQL.formatted(keyspace));
      this.ttlSeconds = ttlSeconds;
    }

    BoundStatement verdict(Verdict standing) {
      return statement.boundStatementBuilder()
          .setString(0, standing.appId())
          .setLong(1, standing.reportBucket())
          .setString(2, standing.urlPattern())
          .setString(3, standing.headerFormats())
          .setString(4, standing.verdict().wireName())
          .setString(5, standing.eventId())
          .setByteBuffer(6, ByteBuffer.wrap(standing.traceId().toBytes()))
          .setLong(7, standing.resourceEpochNanos())
          .setInt(8, ttlSeconds)
          .setIdempotence(true)
          .build();
    }
  }
}
