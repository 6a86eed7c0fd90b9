package dev.tracebridge.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import dev.tracebridge.core.health.Verdict;
import dev.tracebridge.core.model.TraceKey;

/**
 * {@code INSERT INTO verdicts} under another trace's key: the standing verdict of a resource joined by
 * fallback, written into the partition of the backend trace it points to, so that trace shows it too.
 * Written only with the verdict that stands, so it needs no transaction.
 */
final class InsertVerdictMirror {
  static final String CQL = "INSERT INTO %s." + Schema.VERDICTS + " (" + VerdictColumns.NAMES + ") VALUES ("
      + VerdictColumns.MARKERS + ") USING TTL ?";

  private InsertVerdictMirror() {}

  /** Prepares the statement once per session and binds verdicts to it. */
  static final class Factory {
    private final PreparedStatement statement;
    private final int ttlSeconds;

    Factory(CqlSession session, String keyspace, int ttlSeconds) {
      this.statement = session.prepare(CQL.formatted(keyspace));
      this.ttlSeconds = ttlSeconds;
    }

    BoundStatement mirror(TraceKey partition, Verdict standing) {
      return VerdictColumns.bind(statement.boundStatementBuilder(), partition, standing)
          .setInt(VerdictColumns.TTL_INDEX, ttlSeconds)
          .setIdempotence(true)
          .build();
    }
  }
}
