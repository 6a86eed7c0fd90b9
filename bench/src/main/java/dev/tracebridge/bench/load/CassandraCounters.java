package dev.tracebridge.bench.load;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;

/**
 * Cassandra's own counts of the writes it applied, from its virtual tables (nodetool is not available):
 * {@code system_views.local_write_latency} counts the mutations applied to each table of the keyspace
 * (a single-partition batch of ten rows is one), and the MutationStage thread pool counts every mutation
 * task the node ran.
 */
final class CassandraCounters {
  private final CqlSession session;
  private final String keyspace;

  CassandraCounters(CqlSession session, String keyspace) {
    this.session = session;
    this.keyspace = keyspace;
  }

  /** Mutations applied to the keyspace's tables so far. */
  long keyspaceMutations() {
    long total = 0;
    for (Row row : session.execute("SELECT count FROM system_views.local_write_latency WHERE keyspace_name = ?",
        keyspace)) {
      total += row.getLong(0);
    }
    return total;
  }

  /** Mutation tasks the node completed so far, every keyspace included. */
  long mutationStageTasks() {
    Row row = session.execute(
        "SELECT completed_tasks FROM system_views.thread_pools WHERE name = 'MutationStage'").one();
    return row == null ? 0 : row.getLong(0);
  }
}
