package dev.tracebridge.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import dev.tracebridge.core.model.TraceKey;

/** {@code SELECT ... FROM trace_rows WHERE trace_key = ?}: a whole trace in one partition read. */
final class SelectTraceRows {
  static final String CQL = "SELECT row_kind, payload FROM %s." + Schema.TRACE_ROWS + " WHERE trace_key = ?";

  private SelectTraceRows() {}

  /** Prepares the statement once per session and binds keys to it. */
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
