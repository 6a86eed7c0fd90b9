package dev.tracebridge.store.cassandra;

import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the rows of a write into the requests that carry them: the rows of one partition go into one
 * UNLOGGED batch, which Cassandra applies as one mutation (REFERENCE.md §7: each extra request costs it
 * ~20 µs); rows of other partitions (index rows) go alone, since a multi-partition batch only moves the
 * fan-out to the coordinator. Very large partitions' rows are split so no mutation nears Cassandra's
 * limit (half a commit log segment, 16 MiB by default).
 */
final class StatementBatches {
  /** Far below the 16 MiB mutation limit, far above a typical trace write (tens of KiB). */
  static final int MAX_BATCH_BYTES = 1024 * 1024;

  private final List<Statement<?>> done = new ArrayList<>();
  private List<BoundStatement> current = new ArrayList<>();
  private long currentBytes;
  private long totalBytes;

  void add(BoundStatement row, int payloadBytes) {
    if (!current.isEmpty() && currentBytes + payloadBytes > MAX_BATCH_BYTES) finishPartition();
    current.add(row);
    currentBytes += payloadBytes;
    totalBytes += payloadBytes;
  }

  /** A statement for a partition of its own (an index row): sent alone, never batched with others. */
  void addAlone(Statement<?> statement) {
    finishPartition();
    done.add(statement);
  }

  /** Closes the current partition's batch: rows added next go to a batch of their own. */
  void finishPartition() {
    if (current.isEmpty()) return;
    done.add(current.size() == 1 ? current.get(0)
        : BatchStatement.newInstance(DefaultBatchType.UNLOGGED, current.toArray(BoundStatement[]::new))
            .setIdempotent(true));
    current = new ArrayList<>();
    currentBytes = 0;
  }

  /** The payload bytes of every row added: what the write keeps in flight. */
  long bytes() {
    return totalBytes;
  }

  List<Statement<?>> statements() {
    finishPartition();
    return List.copyOf(done);
  }
}
