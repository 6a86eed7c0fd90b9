package dev.tracebridge.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;

/** {@code SELECT ... FROM verdicts_by_app}: one app's decided resources of one hour. */
final class SelectVerdictsByApp {
  static final String CQL = "SELECT url_pattern, header_formats, verdict, trace_id, resource_nanos FROM %s."
      + Schema.VERDICTS_BY_APP + " WHERE app_id = ? AND hour = ?";
  /** Rows per page: a busy app's hour is read in pages, never as one response. */
  static final int PAGE_SIZE = 5_000;

  private SelectVerdictsByApp() {}

  /** Prepares the statement once per session and binds reads to it. */
  static final class Factory {
    private final PreparedStatement statement;

    Factory(CqlSession session, String keyspace) {
      this.statement = session.prepare(CQL.formatted(keyspace));
    }

    BoundStatement hour(String appId, long hour) {
      return statement.boundStatementBuilder().setString(0, appId).setLong(1, hour).setPageSize(PAGE_SIZE)
          .setIdempotence(true).build();
    }
  }
}
