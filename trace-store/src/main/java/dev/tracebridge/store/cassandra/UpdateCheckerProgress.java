package dev.tracebridge.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;

/**
 * {@code INSERT INTO checker_progress}: the last decided arrival minute. The minute is also the write
 * timestamp, so Cassandra keeps the highest one whichever node writes last: progress never moves back,
 * with no read before the write and no transaction.
 */
final class UpdateCheckerProgress {
  static final String CQL = "INSERT INTO %s." + Schema.CHECKER_PROGRESS + " (name, bucket) VALUES (?, ?) USING TIMESTAMP ?";

  private UpdateCheckerProgress() {}

  /** Prepares the statement once per session and binds updates to it. */
  static final class Factory {
    private final PreparedStatement statement;

    Factory(CqlSession session, String keyspace) {
      this.statement = session.prepare(CQL.formatted(keyspace));
    }

    BoundStatement progress(String name, long bucket) {
      return statement.boundStatementBuilder().setString(0, name).setLong(1, bucket).setLong(2, bucket)
          .setIdempotence(true).build();
    }
  }
}
