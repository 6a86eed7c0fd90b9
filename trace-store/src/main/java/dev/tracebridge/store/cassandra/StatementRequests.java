package dev.tracebridge.store.cassandra;

import static java.util.Objects.requireNonNull;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.Statement;
import dev.tracebridge.core.ingest.IngestRefusedException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * How the Cassandra stores talk to the driver: one write request sent as several statements and answered
 * once all are, and a query read page by page. Shared by the trace and verdict stores so that both refuse
 * the same way when Cassandra does not answer.
 */
final class StatementRequests {
  /** Runs a page's rows on the thread that completed the page: the driver's I/O thread. */
  static final Executor ON_RECEIVING_THREAD = Runnable::run;

  private StatementRequests() {}

  /**
   * Sends every statement and completes once all are answered: normally, or with the first failure as a
   * retryable {@link IngestRefusedException.Reason#STORAGE_UNAVAILABLE}. {@code whenAnswered} runs first
   * either way, so the caller's in-flight permits are released before its client hears the answer.
   */
  static CompletionStage<Void> sendAll(CqlSession session, List<Statement<?>> statements, Runnable whenAnswered) {
    CompletableFuture<Void> result = new CompletableFuture<>();
    AtomicInteger remaining = new AtomicInteger(statements.size());
    AtomicReference<Throwable> firstFailure = new AtomicReference<>();
    for (Statement<?> statement : statements) {
      CompletionStage<AsyncResultSet> sent;
      try {
        sent = session.executeAsync(statement);
      } catch (RuntimeException e) {
        sent = CompletableFuture.failedFuture(e);
      }
      sent.whenComplete((rows, failure) -> {
        if (failure != null) firstFailure.compareAndSet(null, failure);
        if (remaining.decrementAndGet() > 0) return;
        whenAnswered.run();
        Throwable first = firstFailure.get();
        if (first == null) {
          result.complete(null);
        } else {
          result.completeExceptionally(unavailable(first));
        }
      });
    }
    return result;
  }

  /** A driver failure as the retryable refusal a receiver answers 503 / UNAVAILABLE with. */
  static IngestRefusedException unavailable(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
    return new IngestRefusedException(IngestRefusedException.Reason.STORAGE_UNAVAILABLE,
        CassandraTraceStore.UNAVAILABLE_RETRY_AFTER, "Cassandra did not acknowledge the write: "
        + cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
  }

  /**
   * Runs a query and hands its rows, page by page and in order, to {@code consumer} while it answers true,
   * on the driver's thread that received each page.
   */
  static CompletionStage<Void> readUntil(CqlSession session, Statement<?> statement, Predicate<Row> consumer) {
    return readUntil(session, statement, consumer, ON_RECEIVING_THREAD);
  }

  /** As {@link #readUntil(CqlSession, Statement, Predicate)}, with {@code consumer} run on {@code executor}. */
  static CompletionStage<Void> readUntil(CqlSession session, Statement<?> statement, Predicate<Row> consumer,
      Executor executor) {
    requireNonNull(executor, "executor");
    return session.executeAsync(statement).thenComposeAsync(page -> consumePages(page, consumer, executor), executor);
  }

  private static CompletionStage<Void> consumePages(AsyncResultSet page, Predicate<Row> consumer, Executor executor) {
    for (Row row : page.currentPage()) {
      if (!consumer.test(row)) return CompletableFuture.completedFuture(null);
    }
    if (!page.hasMorePages()) return CompletableFuture.completedFuture(null);
    return page.fetchNextPage().thenComposeAsync(next -> consumePages(next, consumer, executor), executor);
  }
}
