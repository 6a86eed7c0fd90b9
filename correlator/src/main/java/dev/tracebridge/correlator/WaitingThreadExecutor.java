package dev.tracebridge.correlator;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * An executor whose tasks run on the one thread that waits for their result. A request thread that reads a
 * trace blocks until the rows are there anyway; given this executor, the store decodes the rows on that
 * thread instead of on the driver's I/O thread, which every response of a Cassandra connection passes
 * through. Decoding a 200-span trace is a quarter of the engine's work on it: on the I/O thread, sixteen
 * concurrent requests queued for one thread while their own threads idled (docs/benchmarks.md, "Query
 * latency", session 8).
 *
 * <p>The propagation checker uses one per run the same way: it waits for its reads anyway, and a minute of
 * traces to decide can be many and large.
 *
 * <p>Used by one request: {@link #await} runs the queued tasks until the future it is given completes;
 * {@link #finish} ends the use, runs whatever is still queued, and from then on {@link #execute} runs a task
 * on the thread that submits it, so a task is never dropped, whatever happened to the waiter.
 */
public final class WaitingThreadExecutor implements Executor {
  /** Queued after a future completes, so that a waiter blocked on an empty queue wakes up. */
  private static final Runnable WAKE_UP = () -> { };

  private final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
  private final Object lock = new Object();
  private boolean finished;

  @Override
  public void execute(Runnable task) {
    requireNonNull(task, "task");
    synchronized (lock) {
      if (!finished) {
        tasks.add(task);
        return;
      }
    }
    task.run();
  }

  /**
   * Runs queued tasks on the calling thread until {@code result} completes, then returns its value as
   * {@link CompletableFuture#join} does (a failure thrown as the {@code CompletionException} around it).
   * An interrupt ends the use early: the tasks left run on the threads that complete them, this thread
   * waits for the result without running any, and its interrupt flag is set again.
   */
  public <T> T await(CompletableFuture<T> result) {
    requireNonNull(result, "result");
    result.whenComplete((value, failure) -> tasks.add(WAKE_UP));
    try {
      while (!result.isDone()) tasks.take().run();
    } catch (InterruptedException e) {
      finish();
      Thread.currentThread().interrupt();
    }
    return result.join();
  }

  /** Ends the use: runs what is still queued, and every later task on the thread that submits it. */
  public void finish() {
    synchronized (lock) {
      finished = true;
    }
    for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) task.run();
  }
}
