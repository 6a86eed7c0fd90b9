package dev.tracebridge.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;

/** {@code SELECT app_id FROM verdict_apps}: the apps with decided verdicts in one hour, sorted. */
final class SelectVerdictApps {
  static final String CQL = "SELECT app_id FROM %s." + Schema.VERDICT_APPS + " WHERE hour = ?";
  /** An hour holds one row per app: one page for any real deployment, pages beyond it if not. */
  static final int PAGE_SIZE = 1_000;

  private SelectVerdictApps() {}

  /** Prepares the statement once per session and binds reads to it. */
  static final class Factory {
    private final PreparedStatement statement;

    Factory(CqlSession session, String keyspace) {
      this.statement = session.prepare(CQL.formatted(keyspace));
    }

    BoundStatement hour(long hour) {
      return statement.boundStatementBuilder().setLong(0, hour).setPageSize(PAGE_SIZE).setIdempotence(true)
          .build();
    }
  }
}
