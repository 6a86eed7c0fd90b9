package dev.tracebridge.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import dev.tracebridge.core.health.Verdict;

/**
 * {@code INSERT INTO verdicts ... IF NOT EXISTS}: a resource's verdict, unless one stands. A lightweight
 * transaction, because "the first decision wins" is the one thing two engine nodes deciding the same
 * resource must agree on; when it is not applied, Cassandra answers with the row that stands. Retrying
 * it is safe (a retry of an applied insert answers with the row it wrote), so it is marked idempotent.
 */
final class InsertVerdictIfAbsent {
  static final String CQL = "INSERT INTO %s." + Schema.VERDICTS + " (" + VerdictColumns.NAMES + ") VALUES ("
      + VerdictColumns.MARKERS + ") IF NOT EXISTS USING TTL ?";

  private InsertVerdictIfAbsent() {}

  /** Prepares the statement once per session and binds verdicts to it. */
  static final class Factory {
    private final PreparedStatement statement;
    private final int ttlSeconds;

    Factory(CqlSession session, String keyspace, int ttlSeconds) {
      this.statement = session.prepare(CQL.formatted(keyspace));
      this.ttlSeconds = ttlSeconds;
    }

    BoundStatement verdict(Verdict verdict) {
      return VerdictColumns.bind(statement.boundStatementBuilder(), verdict.traceKey(), verdict)
          .setInt(VerdictColumns.TTL_INDEX, ttlSeconds)
          .setIdempotence(true)
          .build();
    }
  }
}
