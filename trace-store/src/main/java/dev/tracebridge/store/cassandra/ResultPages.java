package dev.tracebridge.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/** Reads every page of a query asynchronously; the stage completes on the driver's I/O thread. */
final class ResultPages {

  private ResultPages() {}

  /** Runs {@code statement} and hands every row of every page to {@code consumer}, in order. */
  static CompletionStage<Void> forEach(CqlSession session, Statement<?> statement, Consumer<Row> consumer) {
    return session.executeAsync(statement).thenCompose(page -> consume(page, consumer));
  }

  private static CompletionStage<Void> consume(AsyncResultSet page, Consumer<Row> consumer) {
    for (Row row : page.currentPage()) consumer.accept(row);
    if (!page.hasMorePages()) return CompletableFuture.completedFuture(null);
    return page.fetchNextPage().thenCompose(next -> consume(next, consumer));
  }
}
