package dev.tracebridge.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import dev.tracebridge.core.model.TraceKey;

/** {@code SELECT ... FROM verdicts}: the verdicts of one trace partition, mirrors included. */
final class SelectVerdicts {
  static final String CQL = "SELECT " + VerdictColumns.NAMES + " FROM %s." + Schema.VERDICTS + " WHERE trace_key = ?";

  private SelectVerdicts() {}

  /** Prepares the statement once per session and binds reads to it. */
  static final class Factory {
    private final PreparedStatement statement;

    Factory(CqlSession session, String keyspace) {
      this.statement = session.prepare(CQL.formatted(keyspace));
    }

    BoundStatement trace(TraceKey key) {
      return statement.boundStatementBuilder().setLong(0, key.value()).setIdempotence(true).build();
    }
  }
}
