package dev.tracebridge.correlator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WaitingThreadExecutorTest {
  @Test
  void taskSubmittedFromAnotherThread_runsOnTheWaitingThread() {
    WaitingThreadExecutor here = new WaitingThreadExecutor();
    CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> "rows")
        .thenApplyAsync(rows -> rows + " decoded on " + Thread.currentThread().getName(), here);

    String result = here.await(answer);
    here.finish();

    assertThat(result).isEqualTo("rows decoded on " + Thread.currentThread().getName());
  }

  @Test
  void failedResult_isThrownAsJoinWould() {
    WaitingThreadExecutor here = new WaitingThreadExecutor();
    CompletableFuture<String> answer = CompletableFuture.<String>supplyAsync(() -> {
      throw new IllegalStateException("store down");
    }).thenApplyAsync(rows -> rows, here);

    assertThatThrownBy(() -> here.await(answer)).isInstanceOf(CompletionException.class)
        .hasRootCauseMessage("store down");
    here.finish();
  }

  @Test
  void taskQueuedAfterTheWaitEnded_runsAtFinish() {
    WaitingThreadExecutor here = new WaitingThreadExecutor();
    List<String> ran = new CopyOnWriteArrayList<>();
    here.await(CompletableFuture.completedFuture("done"));
    here.execute(() -> ran.add("late"));

    here.finish();

    assertThat(ran).containsExactly("late");
  }

  @Test
  void taskAfterFinish_runsOnTheSubmittingThread() throws Exception {
    WaitingThreadExecutor here = new WaitingThreadExecutor();
    here.finish();
    CompletableFuture<String> ranOn = new CompletableFuture<>();

    Thread submitter = new Thread(() -> here.execute(() -> ranOn.complete(Thread.currentThread().getName())),
        "driver-io");
    submitter.start();
    submitter.join();

    assertThat(ranOn.get(5, TimeUnit.SECONDS)).isEqualTo("driver-io");
  }

  @Test
  void interruptedWaiter_stillGetsTheResultAndKeepsItsInterrupt() throws Exception {
    WaitingThreadExecutor here = new WaitingThreadExecutor();
    CompletableFuture<String> rows = new CompletableFuture<>();
    CompletableFuture<String> decoded = rows.thenApplyAsync(r -> r + " decoded", here);
    CompletableFuture<String> result = new CompletableFuture<>();
    CountDownLatch waiting = new CountDownLatch(1);
    Thread waiter = new Thread(() -> {
      waiting.countDown();
      result.complete(here.await(decoded) + (Thread.currentThread().isInterrupted() ? ", interrupted" : ""));
      here.finish();
    });
    waiter.start();
    waiting.await();

    waiter.interrupt();
    Thread.sleep(50);
    rows.complete("rows");

    assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo("rows decoded, interrupted");
    waiter.join(5_000);
    assertThat(waiter.isAlive()).isFalse();
  }
}
